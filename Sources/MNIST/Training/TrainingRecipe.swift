import Foundation
import NeuralNet

/// Everything that decides what a training run learns: the network's shape, the optimizer
/// and its schedule, regularization, augmentation, normalization and the seed. `mnist train`,
/// `mnist bench`, the allocation benchmark and the tests all build their trainers from one.
///
/// The defaults are `mnist train`'s: a 784-128-64-10 MLP, SGD with momentum at 0.03 on a
/// cosine schedule, batches of 64 for 10 epochs.
public struct TrainingRecipe: Sendable, Equatable {
    /// Widths of the hidden ReLU layers.
    public var hiddenWidths = [128, 64]
    /// Passes over the training images.
    public var epochs = 10
    /// Examples per training step.
    public var batchSize = 64
    /// The optimizer and its hyperparameters.
    public var optimizer = OptimizerSettings()
    /// How the learning rate changes over the run.
    public var schedule = ScheduleSettings()
    /// The probability of dropping a hidden unit in training steps (0: off).
    public var dropout: Float = 0
    /// The label smoothing ε of the training loss (0: off).
    public var labelSmoothing: Float = 0
    /// The distortions applied to training images as they are drawn.
    public var augmentation = Augmentation.none
    /// How strong those distortions may be (the data set's `distortions`).
    public var distortions = DistortionRanges.standard
    /// How image bytes become inputs.
    public var normalization = Normalization.mnist
    /// Seeds weight initialization, shuffling, augmentation and dropout.
    public var seed: UInt64 = 42
    /// How training steps compute the first layer's products (the same results to rounding).
    public var firstLayer = FirstLayerPath.automatic

    /// The default recipe, `mnist train`'s.
    public init() {}

    /// The layer sizes of a network for inputs of `inputCount` features and 10 classes.
    public func layerSizes(inputs inputCount: Int) -> [Int] { [inputCount] + hiddenWidths + [10] }

    /// Everything a run needs, built from this recipe: a network (He-initialized from the seed,
    /// unless `resumed` gives one to train further), its optimizer and schedule, and the
    /// training images, normalized and, with augmentation, distorted afresh each epoch.
    public func makeRun(
        training images: LabelledImages, resuming resumed: MLP? = nil, kernel: any GEMMKernel,
        augmentationThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> TrainingRun {
        var generator = RandomGenerator(seed: seed)
        let network: MLP
        if let resumed {
            network = resumed
        } else {
            network = MLP(sizes: layerSizes(inputs: images.pixelsPerImage))
            network.initialize(using: &generator)
        }
        // Seeds drawn in this order, so that adding a draw never shifts an earlier stream.
        let shuffleSeed = generator.next()
        let augmentationSeed = generator.next()
        let dropoutSeed = generator.next()
        let batchesPerEpoch = Trainer.batchCount(examples: images.count, batchSize: batchSize)
        let trainer = Trainer(
            network: network, optimizer: optimizer.makeOptimizer(for: network.parameters), kernel: kernel,
            batchSize: batchSize, shuffleSeed: shuffleSeed,
            schedule: schedule.makeSchedule(batchesPerEpoch: batchesPerEpoch), plannedSteps: epochs * batchesPerEpoch,
            dropout: dropout > 0 ? Dropout(probability: dropout, seed: dropoutSeed) : nil,
            labelSmoothing: labelSmoothing, firstLayerPath: firstLayer)
        let normalized = NormalizedImages(images, normalization: normalization)
        let data: any Dataset =
            augmentation == .none
            ? normalized
            : AugmentedImages(
                normalized, augmentation: augmentation, ranges: distortions, seed: augmentationSeed,
                threads: augmentationThreads)
        return TrainingRun(trainer: trainer, data: data)
    }
}

/// A recipe made ready to train: the trainer and the training data its epochs draw from.
public struct TrainingRun {
    /// The trainer, with its network, optimizer and schedule.
    public let trainer: Trainer
    /// The training images as the trainer sees them: normalized, and distorted with augmentation.
    public let data: any Dataset

    /// The network being trained.
    public var network: MLP { trainer.network }
    /// Training steps per epoch.
    public var stepsPerEpoch: Int { Trainer.batchCount(examples: data.count, batchSize: trainer.batchSize) }

    /// One epoch over the training data in a fresh random order (see `Trainer.trainEpoch`).
    public func trainEpoch(progress: (EpochProgress) throws -> Void = { _ in }) throws -> EpochSummary {
        try trainer.trainEpoch(on: data, progress: progress)
    }
}
