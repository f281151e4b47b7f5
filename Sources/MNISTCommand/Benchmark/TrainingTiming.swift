import MNIST
import NeuralNet

/// Training throughput of the default model on one kernel.
enum TrainingTiming {
    /// The median samples/s of `epochs` timed epochs over `data`, after one warm-up epoch,
    /// training a fresh 784-128-64-10 network with the default SGD settings.
    static func samplesPerSecond(
        kernel: any GEMMKernel, batchSize: Int, data: NormalizedImages, epochs: Int
    ) throws -> Double {
        var generator = RandomGenerator(seed: 42)
        let network = MLP(sizes: [data.featureCount, 128, 64, 10])
        network.initialize(using: &generator)
        let optimizer = SGD(parameters: network.parameters, learningRate: 0.03, momentum: 0.9, weightDecay: 1e-4)
        let trainer = Trainer(
            network: network, optimizer: optimizer, kernel: kernel, batchSize: batchSize, shuffleSeed: generator.next())
        _ = try trainer.trainEpoch(on: data)
        let rates = try (0..<epochs).map { _ in try trainer.trainEpoch(on: data).samplesPerSecond }
        return Stopwatch.median(rates)
    }
}
