#if Server
import Charts
import Foundation
import Hummingbird
import MNIST
import Report
import ServerRequests
import Synchronization

/// The runs started from the page since the server started, so that they can be compared on
/// one chart: the newest `capacity`, each with its request, its outcome and its learning
/// curves. A run that has ended keeps only those (its curves are at most a float per batch,
/// about 100 KB for 30 epochs of 55,000 images), not its model or its events.
final class TrainingRuns: Sendable {
    /// How many runs are kept; starting another forgets the oldest.
    static let capacity = 8

    /// One kept run as `GET /api/train/runs` lists it, with its curves.
    struct Run: Sendable {
        var id: Int
        var request: TrainingRequest
        var phase: TrainingJob.Phase
        var testAccuracy: Double?
        /// Nil until the run has trained a batch.
        var history: TrainingHistory?

        init(_ job: TrainingJob) {
            let status = job.status
            (id, request, phase, testAccuracy) = (status.id, status.request, status.phase, status.testAccuracy)
            history = job.curves?.history
        }
    }

    /// A run still training is read from its job; one that has ended, from what it left.
    private enum Entry {
        case live(TrainingJob)
        case ended(Run)

        var run: Run {
            switch self {
            case .live(let job): Run(job)
            case .ended(let run): run
            }
        }
    }

    private let entries = Mutex<[Entry]>([])

    /// Keeps `job` from now on, forgetting the oldest run beyond `capacity`.
    func add(_ job: TrainingJob) {
        entries.withLock { entries in
            entries.append(.live(job))
            entries.removeFirst(max(0, entries.count - Self.capacity))
        }
    }

    /// Keeps what `job` left, now that it has ended, instead of the job itself.
    func settle(_ job: TrainingJob) {
        entries.withLock { entries in
            guard
                let index = entries.firstIndex(where: { if case .live(let kept) = $0 { kept === job } else { false } })
            else { return }
            entries[index] = .ended(Run(job))
        }
    }

    /// The kept runs, oldest first.
    var runs: [Run] { entries.withLock { $0 }.map(\.run) }

    /// What `GET /api/train/runs` answers about one run.
    struct Listed: Encodable {
        var id: Int
        /// What sets the run apart from the other kept runs (`RunLabels`).
        var label: String
        var request: TrainingRequest
        var phase: TrainingJob.Phase
        var testAccuracy: Double?
    }

    /// The kept runs, oldest first, each with its label.
    private var labelled: [(run: Run, label: String)] {
        let runs = runs
        return Array(zip(runs, RunLabels.labels(runs.map { ($0.id, $0.request) })))
    }

    /// `GET /api/train/runs`: `{"runs": [...]}`, oldest first.
    var listing: [String: [Listed]] {
        [
            "runs": labelled.map { run, label in
                Listed(id: run.id, label: label, request: run.request, phase: run.phase, testAccuracy: run.testAccuracy)
            }
        ]
    }

    /// `DELETE /api/train/runs`: forgets every run but a running one, which the page is still
    /// watching, and answers what is left.
    func forgetEnded() -> [String: [Listed]] {
        entries.withLock { entries in entries.removeAll { $0.run.phase != .running } }
        return listing
    }

    /// `GET /api/train/charts/compare.svg`: every kept run that has trained a batch, its
    /// smoothed loss and its validation accuracy, labelled as the list labels it
    /// (`RunComparison`); a 404 before any run has trained a batch.
    func comparisonChart() throws(APIError) -> Response {
        let compared = labelled.compactMap { run, label in
            run.history.map { RunComparison.Run(label: label, history: $0) }
        }
        guard !compared.isEmpty else {
            throw APIError(status: .notFound, message: "no training run has trained a batch yet")
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-cache"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: RunComparison.chart(compared).svg(width: 460, panelHeight: 280))))
    }
}
#endif
