#if Server
import Foundation
import MNIST
import Synchronization

/// Everything the routes share: the served model (swapped, never changed, when a run from
/// the page ends), the report folder, the page's files and the training runs.
final class ServerState: Sendable {
    private let currentModel: Mutex<ServedModel>
    let reportFolder: ReportFolder?
    let page: PageAssets
    let training: TrainingJobs

    init(model: ServedModel, reportFolder: ReportFolder?, dataDirectory: MNISTDirectory) {
        currentModel = Mutex(model)
        self.reportFolder = reportFolder
        page = PageAssets()
        training = TrainingJobs(dataDirectory: dataDirectory)
    }

    /// The model requests predict with now.
    var model: ServedModel { currentModel.withLock { $0 } }

    /// Serve `model` from now on.
    func replaceModel(with model: ServedModel) { currentModel.withLock { $0 = model } }
}
#endif
