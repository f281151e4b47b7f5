// Counts heap allocations of the steady-state training step, for every kernel and thread
// count: the engine allocates all its buffers up front, so after warm-up a step (and a whole
// epoch of data gathering and steps) must allocate nothing. Only mallocs are measured here;
// speed is `mnist bench`'s job (this package builds without the Makefile's CPU flags).
// Run with `make bench`.
import Benchmark
import MNIST
import NeuralNet

/// A trainer for the default 784-128-64-10 model at batch 64, and 1,024 random images; with
/// `regularized`, AdamW on a one-cycle schedule with dropout and label smoothing instead of SGD.
private func makeTrainer(kind: KernelKind, threads: ThreadSetting, regularized: Bool = false) -> (Trainer, NormalizedImages) {
    var generator = RandomGenerator(seed: 1)
    let count = 1024
    let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    let data = NormalizedImages(LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels))
    let network = MLP(sizes: [784, 128, 64, 10])
    network.initialize(using: &generator)
    guard regularized else {
        let optimizer = SGD(parameters: network.parameters, learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4)
        let trainer = Trainer(
            network: network, optimizer: optimizer, kernel: kind.make(threads), batchSize: 64, shuffleSeed: 2)
        return (trainer, data)
    }
    let optimizer = Adam(parameters: network.parameters, learningRate: 0.001, weightDecay: 0.01, decoupledWeightDecay: true)
    let trainer = Trainer(
        network: network, optimizer: optimizer, kernel: kind.make(threads), batchSize: 64, shuffleSeed: 2,
        schedule: .oneCycle(warmupSteps: 100), plannedSteps: 1000, dropout: Dropout(probability: 0.2, seed: 3),
        labelSmoothing: 0.1)
    return (trainer, data)
}

nonisolated(unsafe) let benchmarks = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal], warmupIterations: 3, maxDuration: .seconds(1))

    for kind in KernelKind.allCases {
        for threads in [ThreadSetting.fixed(1), .fixed(2), .automatic(cores: 2)] {
            let (trainer, data) = makeTrainer(kind: kind, threads: threads)
            let name = "\(kind.rawValue) kernel, threads \(threads), batch 64"
            Benchmark("training step, \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(trainer.step(rows: 64))
                }
            }
            Benchmark("training epoch of 1,024 images, \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try trainer.trainEpoch(on: data))
                }
            }
        }
        let (trainer, _) = makeTrainer(kind: kind, threads: .fixed(1), regularized: true)
        Benchmark("training step, AdamW, one-cycle, dropout, label smoothing, \(kind.rawValue) kernel, threads 1, batch 64") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(trainer.step(rows: 64))
            }
        }
    }
}
