#if Server
import Charts
import Foundation
import Hummingbird
import MNIST
import NeuralNet
import Report
import ServerRequests
import Synchronization

/// The page's training runs, one at a time: starting, stepping (a run started in step mode),
/// cancelling, the live events, the download of the last trained model and its training report.
final class TrainingJobs: Sendable {
    let dataDirectory: MNISTDirectory
    /// The data set of those files, which the trained models record.
    let dataSet: DataSet
    /// Where the reports of the runs go, one folder each; removed when the server stops.
    let reportsFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "mnist-serve-\(ProcessInfo.processInfo.processIdentifier)")
    private let current = Mutex<TrainingJob?>(nil)
    /// The runs since the server started, which the page compares.
    let runs = TrainingRuns()
    private let startedCount = Mutex(0)

    /// Seconds a run in step mode waits for its next step before it is cancelled.
    let stepIdleLimit: Double

    /// Where the last trained model downloads from.
    static let modelPath = "/api/train/model.safetensors"

    init(dataDirectory: MNISTDirectory, dataSet: DataSet = .mnist, stepIdleLimit: Double) {
        self.dataDirectory = dataDirectory
        self.dataSet = dataSet
        self.stepIdleLimit = stepIdleLimit
    }

    /// Whether the page can train, and if not what to do about it.
    struct Availability: Encodable, Sendable {
        var available: Bool
        /// The title of the data set the page's runs train on, such as `Fashion-MNIST`.
        var datasetTitle: String
        var message: String?
        var limits = TrainingRequest.limits
        /// The optimizers (with their default learning rates), schedules and augmentations.
        var choices = TrainingChoices()
    }

    var availability: Availability {
        let missing = MNISTFile.allCases.filter { (try? dataDirectory.location(of: $0)) == nil }
        guard missing.isEmpty else {
            return Availability(
                available: false, datasetTitle: dataSet.title,
                message: dataSet == .mnist
                    ? "Training needs the MNIST files in \(dataDirectory.url.path): run `mnist fetch` (or `make data`), then restart `mnist serve` (or pass --data DIR)."
                    : "Training needs the \(dataSet.title) files in \(dataDirectory.url.path): run `mnist fetch --dataset \(dataSet.name) --data \(dataDirectory.url.path)`, then restart `mnist serve` (or pass --data DIR)."
            )
        }
        return Availability(available: true, datasetTitle: dataSet.title)
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
                let waiting =
                    running.stepMode?.isOpen == true
                    ? "waits in step mode (for \(Int(stepIdleLimit)) s after its last step at most): step it, run it"
                    : "is still going: wait for it to end"
                throw APIError(
                    status: .conflict, message: "training run \(running.id) \(waiting), or cancel it first")
            }
            let job = TrainingJob(id: id, request: request, stepIdleLimit: stepIdleLimit)
            current = job
            runs.add(job)
            return job
        }
        Thread { [self] in
            job.run(on: dataDirectory, of: dataSet) { session in
                state.replaceModel(
                    with: ServedModel(
                        file: session.modelFile, name: "trained-run-\(job.id).safetensors", source: .trained,
                        report: writeReport(of: session, run: job.id, threads: request.threads),
                        testImages: dataDirectory))
            }
            runs.settle(job)
        }.start()
        return job
    }

    /// Writes the training report of run `id`, as `mnist train --report` would, and returns
    /// its folder; nil, with a line on standard error, if it cannot be written (the model is
    /// then served without one).
    private func writeReport(of session: TrainingSession, run id: Int, threads: Int) -> ServedFolder? {
        do {
            let directory = try ReportDirectory(preparing: reportsFolder.appendingPathComponent("run-\(id)"))
            try directory.writeReport(
                ReportContents(
                    session: session,
                    extraSettings: [
                        .init("trained", "from the page of mnist serve (run \(id))"),
                        .init("data", dataDirectory.url.path),
                        .init("matrix products", "kernel \(KernelKind.preferred.rawValue), threads \(threads)"),
                    ]))
            return try ServedFolder(directory.url)
        } catch {
            FileHandle.standardError.write(Data("the report of training run \(id) was not written: \(error)\n".utf8))
            return nil
        }
    }

    /// Asks the running run to stop; a 409 when none is running.
    func cancel() throws(APIError) -> TrainingJob.Status {
        guard let job = current.withLock({ $0 }), job.isRunning else {
            throw APIError(status: .conflict, message: "no training run is going")
        }
        job.cancel()
        return job.status
    }

    /// `POST /api/train/step`: trains one batch of the run in step mode and says what it did; a
    /// 404 before any run, a 409 when the last run is not in step mode (any more).
    func step() async throws(APIError) -> Response {
        let steps = try steppingJob().steps
        do {
            return JSONBody.response(try await steps.step())
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: .internalServerError, message: "the step failed: \(error)")
        }
    }

    /// `POST /api/train/run`: sends the run in step mode on at full speed; its status then.
    func runAtFullSpeed() throws(APIError) -> Response {
        let (job, steps) = try steppingJob()
        try steps.runAtFullSpeed()
        return JSONBody.response(job.status)
    }

    /// The last run and its steps, if it is in step mode; else a 404 or 409 saying what to do.
    private func steppingJob() throws(APIError) -> (job: TrainingJob, steps: StepMode) {
        guard let job = current.withLock({ $0 }) else {
            throw APIError(
                status: .notFound, message: #"no training run has been started: start one with "mode": "step""#)
        }
        guard job.isRunning else {
            throw APIError(
                status: .conflict,
                message:
                    #"training run \#(job.id) has ended (\#(job.status.phase.rawValue)): start another with "mode": "step""#
            )
        }
        guard let stepMode = job.stepMode, stepMode.isOpen else {
            throw APIError(
                status: .conflict,
                message:
                    "training run \(job.id) is not in step mode: it trains at full speed (GET /api/train/events follows it)"
            )
        }
        return (job, stepMode)
    }

    /// Stops a run when the server shuts down, and removes the runs' reports.
    func shutDown() {
        current.withLock { $0 }?.cancel()
        try? FileManager.default.removeItem(at: reportsFolder)
    }

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

    /// The last run's learning curves as SVG, drawn by `LearningCurves` as the report draws
    /// them: `chart` is `loss` or `accuracy`; 404 before a run has trained a batch.
    func chart(_ chart: String) throws(APIError) -> Response {
        guard let job = current.withLock({ $0 }), let (history, testAccuracy) = job.curves else {
            throw APIError(status: .notFound, message: "no training run has trained a batch yet")
        }
        let drawn: LineChart
        switch chart {
        case "loss": drawn = LearningCurves.loss(history)
        case "accuracy": drawn = LearningCurves.accuracy(history, testAccuracy: testAccuracy)
        default: throw APIError(status: .notFound, message: "there is no chart \(chart): ask for loss or accuracy")
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: drawn.svg(width: 460, height: 300))))
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
