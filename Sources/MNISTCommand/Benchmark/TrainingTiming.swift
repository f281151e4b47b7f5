import MNIST
import NeuralNet

/// Training throughput of the default model on one kernel.
enum TrainingTiming {
    /// The median samples/s of `epochs` timed epochs over `data`, after one warm-up epoch,
    /// training a fresh network with `mnist train`'s default model, seed and optimizer.
    static func samplesPerSecond(
        kernel: any GEMMKernel, batchSize: Int, data: NormalizedImages, epochs: Int
    ) throws -> Double {
        let defaults = try Train.parse([])
        var generator = RandomGenerator(seed: defaults.seed)
        let network = MLP(sizes: [data.featureCount] + defaults.hiddenWidths + [10])
        network.initialize(using: &generator)
        let optimizer = defaults.optimizerOptions.makeOptimizer(for: network.parameters)
        let trainer = Trainer(
            network: network, optimizer: optimizer, kernel: kernel, batchSize: batchSize, shuffleSeed: generator.next())
        _ = try trainer.trainEpoch(on: data)
        let rates = try (0..<epochs).map { _ in try trainer.trainEpoch(on: data).samplesPerSecond }
        return Stopwatch.median(rates)
    }
}
