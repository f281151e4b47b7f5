import NeuralNet

/// The fastest any dense engine could train a model on this machine: the best sgemm speed
/// measured here, divided by the arithmetic of one training sample.
///
/// A training step of an MLP multiplies, per layer, the forward product and the weight
/// gradient, and for every layer but the first the input gradient; everything else (bias,
/// activation, loss, update) is small beside them. An engine that runs those products densely
/// cannot train faster than `peak ÷ FLOPs per sample`, whatever it does between them.
struct DenseLimit {
    /// The sgemm speed it divides, in FLOP/s.
    var peakFlops: Double
    /// The floating-point operations of one training sample's products.
    var flopsPerSample: Double

    /// The samples per second at which the products alone would take all the time.
    var samplesPerSecond: Double { peakFlops / flopsPerSample }

    /// `rate` as a fraction of the limit: above 1 is faster than any dense engine on this machine.
    func fraction(of rate: Double) -> Double { rate / samplesPerSecond }

    /// The square product whose speed stands for the machine's sgemm peak.
    static let peakShape = GEMMShape(.none, .none, m: 2048, n: 2048, k: 2048)

    /// The FLOPs per sample of a training step of `network`: its products as a dense step makes
    /// them (forward and weight gradients of every layer, input gradients of all but the first).
    static func flopsPerSample(of network: MLP) -> Double {
        let batch = 64
        return Double(GEMMShape.trainingStep(of: network, batchSize: batch).reduce(0) { $0 + $1.flops }) / Double(batch)
    }

    /// The better of `kernels`' speeds on ``peakShape``, in FLOP/s, with the kernel that gave it.
    static func peak(of kernels: [(kind: KernelKind, kernel: any GEMMKernel)]) -> (flops: Double, kind: KernelKind) {
        let rates = kernels.map {
            (flops: GEMMTiming.gflops(of: $0.kernel, on: peakShape, samples: 3) * 1e9, kind: $0.kind)
        }
        return rates.max { $0.flops < $1.flops }!
    }
}
