import MNIST
import NeuralNet

/// Training throughput of the default model on several kernels at once.
enum TrainingTiming {
    /// The median samples/s of each kernel over `epochs` timed epochs on `data`, after one
    /// warm-up epoch each, training a fresh network apiece with `mnist train`'s default model,
    /// seed and optimizer. The kernels take turns, one epoch each, so that a slow spell of the
    /// machine (on this VM they last minutes) falls on all of them alike and their ratios hold.
    static func samplesPerSecond(
        kernels: [any GEMMKernel], batchSize: Int, data: NormalizedImages, epochs: Int
    ) throws -> [Double] {
        let defaults = try Train.parse([])
        let trainers = kernels.map { kernel in
            var generator = RandomGenerator(seed: defaults.seed)
            let network = MLP(sizes: [data.featureCount] + defaults.hiddenWidths + [10])
            network.initialize(using: &generator)
            let optimizer = defaults.optimizerOptions.makeOptimizer(for: network.parameters)
            return Trainer(
                network: network, optimizer: optimizer, kernel: kernel, batchSize: batchSize,
                shuffleSeed: generator.next())
        }
        for trainer in trainers { _ = try trainer.trainEpoch(on: data) }
        var rates = Array(repeating: [Double](), count: trainers.count)
        for _ in 0..<epochs {
            for (index, trainer) in trainers.enumerated() {
                rates[index].append(try trainer.trainEpoch(on: data).samplesPerSecond)
            }
        }
        return rates.map(Stopwatch.median)
    }
}
