import Foundation
import Images
import MNIST
import NeuralNet

/// What `mnist evaluate` measured, in the form it writes as JSON (snake_case keys).
struct EvaluationResults: Encodable {
    struct Digit: Encodable {
        var digit: Int
        /// The class's name, for data sets whose classes are not the digits.
        var className: String?
        /// Test images of this digit, and how many the model called this digit.
        var images: Int
        var predicted: Int
        /// Absent when undefined (no image predicted as, or of, this digit).
        var precision: Double?
        var recall: Double?
    }

    var model: String
    /// The model's data set, for data sets other than MNIST.
    var dataset: String?
    var architecture: String
    var data: String
    var images: Int
    var accuracy: Double
    var meanLoss: Double
    var digits: [Digit]
    /// `confusion[true digit][predicted digit]`.
    var confusion: [[Int]]
    /// Whether the test images were presented as photos (`--as-photos`), and then the
    /// accuracy on the original images.
    var asPhotos = false
    var originalAccuracy: Double?
    /// With `--as-photos`, the pen they were drawn with: thick or thin.
    var pen: String?
    /// The wall time of the forward passes (batches gathered and normalized, the network run,
    /// the predictions counted), without loading files or preparing photos; and the rate.
    var seconds: Double
    var imagesPerSecond: Double

    init(
        model: String, modelFile: ModelFile, data: String, evaluation: Evaluation, seconds: Double,
        classes: DataSet
    ) {
        self.model = model
        dataset = modelFile.dataSet == .mnist ? nil : modelFile.dataSet.name
        architecture = modelFile.network.architecture
        self.data = data
        images = evaluation.count
        accuracy = evaluation.accuracy
        meanLoss = evaluation.meanLoss
        digits = evaluation.confusion.indices.map {
            Digit(
                digit: $0, className: classes.isDigits ? nil : classes.classNames[$0],
                images: evaluation.actualCounts[$0], predicted: evaluation.predictedCounts[$0],
                precision: evaluation.precisions[$0], recall: evaluation.recalls[$0])
        }
        confusion = evaluation.confusion
        self.seconds = seconds
        imagesPerSecond = Double(evaluation.count) / seconds
    }

    var jsonText: String { String(decoding: resultsJSON, as: UTF8.self) }

    /// Writes the JSON to `url` atomically.
    func write(to url: URL) throws {
        do {
            try resultsJSON.write(to: url, options: .atomic)
        } catch {
            throw CommandError("cannot write \(url.path): \(FileProblem.reason(error))")
        }
    }
}
