#if Server
import MNIST
import ServerRequests

/// `GET /api/model`: what the page's model card shows, from the served file's metadata.
struct ModelCard: Encodable {
    var name: String
    /// `file` (given to `mnist serve`) or `trained` (from the page).
    var source: String
    var architecture: String
    var layerSizes: [Int]
    var parameters: Int
    var testAccuracy: Double?
    /// The data set the model was trained on: its name, title and class names, and how the page
    /// asks for an image (`PageWording`).
    var dataset: String
    var datasetTitle: String
    var classNames: [String]
    var wording: PageWording
    /// The file's other metadata entries, as written by `mnist train` (docs/model-files.md):
    /// every one but those the fields above already give, so that each fact is said once.
    var metadata: [String: String]
    /// The served model's training report, when it has one (`--report`, or trained from the page).
    var report: String?
    var training: TrainingJobs.Availability

    /// The metadata keys whose values are the fields `architecture` and `test_accuracy`.
    static let keysGivenAsFields: Set = [
        ModelFile.Key.architecture, TrainingRecord.testAccuracyKey, ModelFile.Key.dataSet, ModelFile.Key.classNames,
    ]

    init(_ model: ServedModel, training: TrainingJobs.Availability) {
        let network = model.file.network
        name = model.name
        source = model.source.rawValue
        architecture = network.architecture
        layerSizes = network.sizes
        parameters = network.parameterCount
        testAccuracy = model.file.metadata[TrainingRecord.testAccuracyKey].flatMap { Double($0) }
        let dataSet = model.file.dataSet
        (dataset, datasetTitle, classNames) = (dataSet.name, dataSet.title, dataSet.classNames)
        wording = PageWording(dataSet)
        metadata = model.file.metadata.filter { !Self.keysGivenAsFields.contains($0.key) }
        report = model.report == nil ? nil : "/report/"
        self.training = training
    }
}
#endif
