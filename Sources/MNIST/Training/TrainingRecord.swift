/// How a saved model was trained, kept in its file's metadata as string pairs (see
/// docs/model-files.md): the settings of the last run and the accuracies it reached. `mnist
/// train` and `mnist serve`'s training runs write the same keys.
public struct TrainingRecord: Sendable {
    /// Epochs trained in all, across resumed runs.
    public var epochs: Int
    /// Images per training step in the last run (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// The last run's `TrainingRecipe.seed`, behind its shuffling, augmentation, dropout and any fresh weights.
    public var seed: UInt64
    /// How many images the last run trained on: the training set less the validation images, cut to any limit.
    public var trainingImages: Int
    /// How many images the last run held out for validation; 0 when it held none out.
    public var validationImages: Int
    /// Unknown while a run is still going (the best-epoch checkpoint's file).
    public var testAccuracy: Double?
    /// Fraction of the validation images classified correctly after the latest epoch, in [0, 1]; nil before
    /// the first epoch or without validation images.
    public var validationAccuracy: Double?
    /// The optimizer, regularization and augmentation settings, such as `optimizer: sgd`,
    /// `lr: 0.03`, `dropout: 0.0`, `augmentation: none`.
    public var settings: [String: String]

    /// A record of the given figures; accuracies are fractions in [0, 1], nil when not measured (yet).
    public init(
        epochs: Int, batchSize: Int, seed: UInt64, trainingImages: Int, validationImages: Int,
        testAccuracy: Double? = nil, validationAccuracy: Double? = nil, settings: [String: String]
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.trainingImages = trainingImages
        self.validationImages = validationImages
        self.testAccuracy = testAccuracy
        self.validationAccuracy = validationAccuracy
        self.settings = settings
    }

    /// The metadata key of the test accuracy, `test_accuracy`, which the server and `mnist` read back.
    public static let testAccuracyKey = "test_accuracy"

    /// The record as a model file's metadata: `settings` plus `epochs`, `batch_size`, `seed`,
    /// `training_images`, `validation_images` and, when known, `test_accuracy` and `validation_accuracy`.
    public var metadata: [String: String] {
        var metadata = settings
        metadata["epochs"] = String(epochs)
        metadata["batch_size"] = String(batchSize)
        metadata["seed"] = String(seed)
        metadata["training_images"] = String(trainingImages)
        metadata["validation_images"] = String(validationImages)
        metadata[Self.testAccuracyKey] = testAccuracy.map { String($0) }
        metadata["validation_accuracy"] = validationAccuracy.map { String($0) }
        return metadata
    }
}

extension TrainingRecord {
    /// The record of a run of `recipe` on `trainingImages` images, validating on
    /// `validationImages`, that continues a model already trained for `earlierEpochs`.
    public init(recipe: TrainingRecipe, earlierEpochs: Int, trainingImages: Int, validationImages: Int) {
        self.init(
            epochs: earlierEpochs, batchSize: recipe.batchSize, seed: recipe.seed, trainingImages: trainingImages,
            validationImages: validationImages, settings: recipe.settings)
    }
}

extension ModelFile {
    /// The epochs the model's file says it was trained for (0 if it does not say).
    public var trainedEpochs: Int { metadata["epochs"].flatMap { Int($0) } ?? 0 }
}
