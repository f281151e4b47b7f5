import NeuralNet

/// GFLOP/s of one kernel on one GEMM shape.
enum GEMMTiming {
    /// The median speed of `samples` timings, each repeating the call for at least
    /// `minimumSeconds` after one warm-up call.
    static func gflops(
        of kernel: any GEMMKernel, on shape: GEMMShape, samples: Int = 5, minimumSeconds: Double = 0.05
    ) -> Double {
        var generator = RandomGenerator(seed: 3)
        let a = Matrix(rows: shape.m, columns: shape.k)
        let b = Matrix(rows: shape.k, columns: shape.n)
        let c = Matrix(rows: shape.m, columns: shape.n)
        for matrix in [a, b] {
            for index in 0..<matrix.count { matrix.storage[index] = Float(generator.nextUnitDouble()) }
        }
        let run = { shape.run(kernel, a: a.storage, b: b.storage, c: c.storage) }
        run()
        let rates = (0..<samples).map { _ in
            var calls = 0
            let seconds = Stopwatch.seconds {
                let start = ContinuousClock.now
                repeat {
                    run()
                    calls += 1
                } while (ContinuousClock.now - start).seconds < minimumSeconds
            }
            return Double(calls * shape.flops) / seconds / 1e9
        }
        return Stopwatch.median(rates)
    }
}
