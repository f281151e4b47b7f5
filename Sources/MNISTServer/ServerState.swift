#if Server
import Foundation
import MNIST
import ServerRequests
import Synchronization

/// Everything the routes share: the served model (swapped, never changed, when a run from
/// the page ends), the report folder and the training runs.
final class ServerState: Sendable {
    private let currentModel: Mutex<ServedModel>
    /// The report folder served under /report/, read on every request (`ReportFiles`).
    let reportFolder: ServedFolder?
    let training: TrainingJobs

    init(model: ServedModel, reportFolder: ServedFolder?, dataDirectory: MNISTDirectory) {
        currentModel = Mutex(model)
        self.reportFolder = reportFolder
        training = TrainingJobs(dataDirectory: dataDirectory)
    }

    /// The model requests predict with now.
    var model: ServedModel { currentModel.withLock { $0 } }

    /// Serve `model` from now on.
    func replaceModel(with model: ServedModel) { currentModel.withLock { $0 = model } }
}
#endif
