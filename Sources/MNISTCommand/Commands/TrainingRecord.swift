import MNIST

/// How a saved model was trained, kept in its file's metadata as string pairs (see README,
/// "Model files"): the settings of the last run and the accuracies it reached.
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

extension ModelFile {
    /// The epochs the model's file says it was trained for (0 if it does not say).
    var trainedEpochs: Int { metadata["epochs"].flatMap { Int($0) } ?? 0 }

    /// The network and how it was trained, such as `784-128-64-10 MLP, 109,386 parameters,
    /// 10 epochs, test accuracy 97.99%, saved by SwiftMNIST 0.2.0`.
    var summary: String {
        var parts = ["\(network.architecture) MLP", "\(Format.grouped(network.parameterCount)) parameters"]
        if trainedEpochs > 0 { parts.append(Format.counted(trainedEpochs, "epoch")) }
        if let accuracy = metadata[TrainingRecord.testAccuracyKey].flatMap({ Double($0) }) { parts.append("test accuracy \(Format.percent(accuracy))") }
        if let version = metadata[Key.version] { parts.append("saved by SwiftMNIST \(version)") }
        return parts.joined(separator: ", ")
    }
}
