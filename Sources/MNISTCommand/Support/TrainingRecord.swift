import MNIST

/// How a saved model was trained, kept in its file's metadata as string pairs (see
/// docs/model-files.md): the settings of the last run and the accuracies it reached.
struct TrainingRecord {
    /// Epochs trained in all, across resumed runs.
    var epochs: Int
    var batchSize: Int
    var seed: UInt64
    var trainingImages: Int
    var validationImages: Int
    /// Unknown while a run is still going (the best-epoch checkpoint's file).
    var testAccuracy: Double?
    var validationAccuracy: Double?
    /// The optimizer, regularization and augmentation settings, such as `optimizer: sgd`,
    /// `lr: 0.03`, `dropout: 0.0`, `augmentation: none`.
    var settings: [String: String]

    static let testAccuracyKey = "test_accuracy"

    var metadata: [String: String] {
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
    init(recipe: TrainingRecipe, earlierEpochs: Int, trainingImages: Int, validationImages: Int) {
        self.init(
            epochs: earlierEpochs, batchSize: recipe.batchSize, seed: recipe.seed, trainingImages: trainingImages,
            validationImages: validationImages, settings: recipe.settings)
    }
}
