import MNIST
import NeuralNet

/// Training throughput of several kernels and recipes at once.
enum TrainingTiming {
    /// What the timed epochs of one kernel and recipe gave.
    struct Measurement {
        /// The median over the timed epochs.
        var samplesPerSecond: Double
        /// The share of the timed epochs' batches whose first layer took the sparse products.
        var sparseFirstLayerShare: Double
    }

    /// The median samples/s of each run over `epochs` timed epochs on `images`, after one
    /// warm-up epoch each, each run training a fresh network of its recipe on its kernel (the
    /// same network and schedule `mnist train` would build from the same flags). The runs take
    /// turns, one epoch each, so that a slow spell of the machine (on this VM they last
    /// minutes) falls on all of them alike and their ratios hold.
    static func measure(
        _ setups: [(kernel: any GEMMKernel, recipe: TrainingRecipe)], images: LabelledImages, epochs: Int
    ) throws -> [Measurement] {
        let runs = setups.map { $0.recipe.makeRun(training: images, kernel: $0.kernel) }
        for run in runs { _ = try run.trainEpoch() }
        var summaries = Array(repeating: [EpochSummary](), count: runs.count)
        for _ in 0..<epochs {
            for (index, run) in runs.enumerated() {
                summaries[index].append(try run.trainEpoch())
            }
        }
        return summaries.map { epochs in
            let batches = epochs.reduce(0) { $0 + $1.batches }
            return Measurement(
                samplesPerSecond: Stopwatch.median(epochs.map(\.samplesPerSecond)),
                sparseFirstLayerShare: Double(epochs.reduce(0) { $0 + $1.sparseFirstLayerBatches })
                    / Double(max(batches, 1)))
        }
    }
}
