import MNIST
import NeuralNet

/// Training throughput of one recipe on several kernels at once.
enum TrainingTiming {
    /// The median samples/s of each kernel over `epochs` timed epochs on `images`, after one
    /// warm-up epoch each, each kernel training a fresh network of `recipe` (the same network
    /// and schedule `mnist train` would build from the same flags). The kernels take turns,
    /// one epoch each, so that a slow spell of the machine (on this VM they last minutes) falls
    /// on all of them alike and their ratios hold.
    static func samplesPerSecond(
        kernels: [any GEMMKernel], recipe: TrainingRecipe, images: LabelledImages, epochs: Int
    ) throws -> [Double] {
        let runs = kernels.map { recipe.makeRun(training: images, kernel: $0) }
        for run in runs { _ = try run.trainEpoch() }
        var rates = Array(repeating: [Double](), count: runs.count)
        for _ in 0..<epochs {
            for (index, run) in runs.enumerated() {
                rates[index].append(try run.trainEpoch().samplesPerSecond)
            }
        }
        return rates.map(Stopwatch.median)
    }
}
