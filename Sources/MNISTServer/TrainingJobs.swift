#if Server
import Foundation
import Hummingbird
import MNIST
import ServerRequests
import Synchronization

/// The page's training runs, one at a time: starting, cancelling, the live events and the
/// download of the last trained model.
final class TrainingJobs: Sendable {
    let dataDirectory: MNISTDirectory
    private let current = Mutex<TrainingJob?>(nil)
    private let startedCount = Mutex(0)

    /// Where the last trained model downloads from.
    static let modelPath = "/api/train/model.safetensors"

    init(dataDirectory: MNISTDirectory) { self.dataDirectory = dataDirectory }

    /// Whether the page can train, and if not what to do about it.
    struct Availability: Encodable, Sendable {
        var available: Bool
        var message: String?
        var limits = TrainingRequest.limits
    }

    var availability: Availability {
        let missing = MNISTFile.allCases.filter { (try? dataDirectory.location(of: $0)) == nil }
        guard missing.isEmpty else {
            return Availability(
                available: false,
                message:
                    "Training needs the MNIST files in \(dataDirectory.url.path): run `mnist fetch` (or `make data`), then restart `mnist serve` (or pass --data DIR)."
            )
        }
        return Availability(available: true)
    }

    /// Starts a run of `request` on a thread of its own; a 409 while another is running.
    func start(_ request: TrainingRequest, state: ServerState) throws(APIError) -> TrainingJob {
        let availability = availability
        guard availability.available else {
            throw APIError(status: .serviceUnavailable, message: availability.message ?? "")
        }
        let id = startedCount.withLock {
            $0 += 1
            return $0
        }
        let job = try current.withLock { (current: inout TrainingJob?) throws(APIError) -> TrainingJob in
            if let running = current, running.isRunning {
                throw APIError(
                    status: .conflict,
                    message: "training run \(running.id) is still going: wait for it to end, or cancel it first")
            }
            let job = TrainingJob(id: id, request: request)
            current = job
            return job
        }
        let directory = dataDirectory
        Thread {
            job.run(on: directory) { model in
                state.replaceModel(
                    with: ServedModel(file: model, name: "trained-run-\(job.id).safetensors", source: .trained))
            }
        }.start()
        return job
    }

    /// Asks the running run to stop; a 409 when none is running.
    func cancel() throws(APIError) -> TrainingJob.Status {
        guard let job = current.withLock({ $0 }), job.isRunning else {
            throw APIError(status: .conflict, message: "no training run is going")
        }
        job.cancel()
        return job.status
    }

    /// Stops a run when the server shuts down.
    func cancelForShutdown() { current.withLock { $0 }?.cancel() }

    /// The last run's status, or `{"phase": "none"}`.
    var status: Response {
        guard let job = current.withLock({ $0 }) else { return JSONBody.response(["phase": "none"]) }
        return JSONBody.response(job.status)
    }

    /// The last run's events as server-sent events, until it ends.
    func eventStream() throws(APIError) -> Response {
        guard let job = current.withLock({ $0 }) else {
            throw APIError(status: .notFound, message: "no training run has been started")
        }
        let events = job.events()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                for await event in events {
                    try await writer.write(ByteBuffer(string: event.text))
                }
                try await writer.finish(nil)
            })
    }

    /// The last trained model as a safetensors file; 404 before a run has finished.
    func download() throws(APIError) -> Response {
        guard let job = current.withLock({ $0 }), let model = job.model else {
            throw APIError(status: .notFound, message: "no trained model yet: train one from the page first")
        }
        let name = "mnist-trained-run-\(job.id).safetensors"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: model.contents.encoded())))
    }
}
#endif
