#if Server
import Foundation
import MNIST
import ServerRequests
import Synchronization

/// Everything the routes share: the served model (swapped, never changed, when a run from
/// the page ends) with its report folder, and the training runs.
final class ServerState: Sendable {
    private let currentModel: Mutex<ServedModel>
    let training: TrainingJobs

    init(model: ServedModel, dataDirectory: MNISTDirectory, dataSet: DataSet = .mnist, stepIdleLimit: Double) {
        currentModel = Mutex(model)
        training = TrainingJobs(dataDirectory: dataDirectory, dataSet: dataSet, stepIdleLimit: stepIdleLimit)
    }

    /// The model requests predict with now.
    var model: ServedModel { currentModel.withLock { $0 } }

    /// The served model's report folder, if it has one (`ReportFiles` reads it on every request).
    var reportFolder: ServedFolder? { model.report }

    /// Serve `model` from now on.
    func replaceModel(with model: ServedModel) { currentModel.withLock { $0 = model } }
}
#endif
