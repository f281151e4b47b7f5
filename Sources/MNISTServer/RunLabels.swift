#if Server
import ServerRequests

/// Names the page's runs by what sets them apart, such as `Adam, lr 0.001` and
/// `SGD+momentum, lr 0.03`: each setting that is not the same in every run, in a fixed order;
/// `run N` (the run's id) when none differs, and added to runs whose settings are the same.
enum RunLabels {
    /// The settings a label may name, each as the label words it (threads are left out: they
    /// change the speed, not what is learned).
    static let settings: [@Sendable (TrainingRequest) -> String] = [
        { $0.optimizer.title },
        { "lr \($0.learningRate)" },
        { "\($0.schedule.rawValue) schedule" },
        { "hidden " + $0.hidden.map(String.init).joined(separator: ",") },
        { $0.augment == .none ? "no augmentation" : "augment \($0.augment.rawValue)" },
        { $0.epochs == 1 ? "1 epoch" : "\($0.epochs) epochs" },
        { $0.limit.map { "\($0) images" } ?? "all images" },
        { "seed \($0.seed)" },
    ]

    /// One label per run, in order.
    static func labels(_ runs: [(id: Int, request: TrainingRequest)]) -> [String] {
        let differing = settings.filter { setting in Set(runs.map { setting($0.request) }).count > 1 }
        let labels = runs.map { run in differing.map { $0(run.request) }.joined(separator: ", ") }
        return zip(runs, labels).map { run, label in
            if label.isEmpty { return "run \(run.id)" }
            return labels.filter { $0 == label }.count > 1 ? "\(label) (run \(run.id))" : label
        }
    }
}
#endif
