#if Server
import Foundation
import MNIST
import NeuralNet
import ServerRequests
import Synchronization

/// One training run started from the page: it trains on a thread of its own through a
/// `TrainingSession`, as `mnist train` does, keeps every event it published (so a page that
/// connects late sees the whole run), and hands the trained model over when it ends. In step
/// mode it waits for each batch (`StepMode`) until it is sent on at full speed.
final class TrainingJob: Sendable {
    enum Phase: String, Encodable, Sendable {
        case running, done, cancelled, failed
    }

    /// What `GET /api/train` answers about a run.
    struct Status: Encodable, Sendable {
        var id: Int
        var phase: Phase
        var request: TrainingRequest
        /// `step` while the run waits for steps, `run` once it trains at full speed.
        var mode: TrainingMode
        var epochsDone: Int
        var testAccuracy: Double?
        var error: String?
        /// Where the trained model downloads from, once the run is done.
        var model: String?
    }

    private struct State {
        var status: Status
        var events: [TrainingEvent] = []
        var listeners: [Int: AsyncStream<TrainingEvent>.Continuation] = [:]
        var nextListener = 0
        var cancelRequested = false
        var model: ModelFile?
        /// The run's learning curves as of its last event.
        var history: TrainingHistory?
        var testAccuracy: Double?
    }

    let id: Int
    /// The run's steps, for a run started in step mode.
    let stepMode: StepMode?
    private let state: Mutex<State>

    /// A run of `request`; in step mode, one that waits `stepIdleLimit` seconds for a step at most.
    init(id: Int, request: TrainingRequest, stepIdleLimit: Double) {
        self.id = id
        stepMode = request.mode == .step ? StepMode(run: id, idleLimit: stepIdleLimit) : nil
        state = Mutex(
            State(status: Status(id: id, phase: .running, request: request, mode: request.mode, epochsDone: 0)))
    }

    var status: Status { state.withLock { $0.status } }
    var isRunning: Bool { status.phase == .running }
    /// The trained model, once the run is done.
    var model: ModelFile? { state.withLock { $0.model } }
    /// The run's learning curves as of its last event, and its test accuracy once it is done.
    var curves: (history: TrainingHistory, testAccuracy: Double?)? {
        state.withLock { state in state.history.map { ($0, state.testAccuracy) } }
    }

    /// Asks the run to stop after the batch it is on.
    func cancel() {
        state.withLock { $0.cancelRequested = true }
        stepMode?.cancel()
    }

    /// Every event so far, then each new one until the run ends.
    func events() -> AsyncStream<TrainingEvent> {
        AsyncStream { continuation in
            state.withLock { state in
                for event in state.events { continuation.yield(event) }
                if state.status.phase != .running {
                    continuation.finish()
                    return
                }
                let key = state.nextListener
                state.nextListener += 1
                state.listeners[key] = continuation
                continuation.onTermination = { [weak self] _ in
                    _ = self?.state.withLock { $0.listeners.removeValue(forKey: key) }
                }
            }
        }
    }

    private func publish(_ event: TrainingEvent, update: (inout State) -> Void = { _ in }) {
        let listeners = state.withLock { state in
            update(&state)
            state.events.append(event)
            return Array(state.listeners.values)
        }
        for listener in listeners {
            listener.yield(event)
            if event.isFinal { listener.finish() }
        }
    }

    private struct Stopped: Error {
        var message = "the run was cancelled"
    }

    /// Trains as the request says on `directory`'s images of `dataSet` through a `TrainingSession`,
    /// publishing its progress; on success `finished` gets the session. Blocks until the run
    /// ends: call it on a thread of its own.
    func run(on directory: MNISTDirectory, of dataSet: DataSet, finished: (TrainingSession) -> Void) {
        let request = status.request
        defer { stepMode?.close(because: "run \(id) has ended") }
        do {
            let splits = try TrainingSplits.load(from: directory, limit: request.limit)
            // The products and the augmentation on the request's threads (1 by default, leaving
            // the other core to the requests).
            var recipe = request.recipe
            recipe.normalization = dataSet.normalization
            recipe.distortions = dataSet.distortions
            let session = try TrainingSession(
                recipe: recipe, splits: splits, dataSet: dataSet,
                kernel: KernelKind.preferred.make(threads: request.threads), augmentationThreads: request.threads)
            publish(
                TrainingEvent(
                    "start",
                    Start(
                        architecture: session.network.architecture, parameters: session.network.parameterCount,
                        epochs: session.recipe.epochs, stepsPerEpoch: session.stepsPerEpoch,
                        trainingImages: splits.training.count, validationImages: splits.validation.count)))

            var throttle = ProgressThrottle()
            let report = { [self] (event: MNIST.TrainingEvent) throws in
                if state.withLock({ $0.cancelRequested }) { throw Stopped() }
                switch event {
                case .batch(let progress):
                    guard throttle.reports(endsEpoch: progress.summary != nil) else { return }
                    publish(
                        TrainingEvent(
                            "progress",
                            Progress(
                                epoch: progress.epoch, batch: progress.batch, batchCount: progress.batchCount,
                                loss: progress.meanLoss, accuracy: progress.accuracy))
                    ) { $0.history = session.history }
                case .epoch(let epoch):
                    publish(
                        TrainingEvent(
                            "epoch",
                            Epoch(
                                epoch: epoch.summary.epoch, loss: epoch.summary.meanLoss,
                                accuracy: epoch.summary.accuracy, validationLoss: epoch.validation?.meanLoss,
                                validationAccuracy: epoch.validation?.accuracy, seconds: epoch.summary.seconds))
                    ) {
                        $0.status.epochsDone = epoch.summary.epoch
                        $0.history = session.history
                    }
                }
            }
            if let stepMode { try takeSteps(stepMode, of: session, events: report) }
            let tested = try session.train(events: report)
            let model = session.modelFile
            finished(session)
            publish(TrainingEvent("done", Done(testAccuracy: tested.accuracy, model: TrainingJobs.modelPath))) {
                $0.model = model
                $0.testAccuracy = tested.accuracy
                $0.status.phase = .done
                $0.status.testAccuracy = tested.accuracy
                $0.status.model = TrainingJobs.modelPath
            }
        } catch let stopped as Stopped {
            publish(TrainingEvent("cancelled", ["message": stopped.message])) { $0.status.phase = .cancelled }
        } catch {
            let message = String(describing: error)
            publish(TrainingEvent("failed", ["error": message])) {
                $0.status.phase = .failed
                $0.status.error = message
            }
        }
    }

    /// Trains `session` one batch per step that `stepMode` is asked for, until it is sent on at
    /// full speed or has trained every epoch; throws `Stopped` when it is cancelled or waits too long.
    private func takeSteps(
        _ stepMode: StepMode, of session: TrainingSession, events: (MNIST.TrainingEvent) throws -> Void
    ) throws {
        let ending = try stepMode.serve(session) {
            let step = try TrainingStep.train(session, events: events)
            state.withLock { $0.history = session.history }  // the loss chart shows every step
            return step
        }
        switch ending {
        case .idle: throw Stopped(message: "the run waited \(Int(stepMode.idleLimit)) s for a step and was cancelled")
        case .cancelled: throw Stopped()
        case .run, .finished: state.withLock { $0.status.mode = .run }
        }
    }

    private struct Start: Encodable {
        var architecture: String
        var parameters: Int
        var epochs: Int
        var stepsPerEpoch: Int
        var trainingImages: Int
        var validationImages: Int
    }

    private struct Progress: Encodable {
        var epoch: Int
        var batch: Int
        var batchCount: Int
        var loss: Double
        var accuracy: Double
    }

    private struct Epoch: Encodable {
        var epoch: Int
        var loss: Double
        var accuracy: Double
        var validationLoss: Double?
        var validationAccuracy: Double?
        var seconds: Double
    }

    private struct Done: Encodable {
        var testAccuracy: Double
        var model: String
    }
}
#endif
