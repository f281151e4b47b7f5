#if Server
import Foundation
import MNIST
import NeuralNet
import ServerRequests
import Synchronization

/// One training run started from the page: it trains on a thread of its own through the
/// shared `TrainingRecipe`/`TrainingRun`, keeps every event it published (so a page that
/// connects late sees the whole run), and hands the trained model over when it ends.
final class TrainingJob: Sendable {
    enum Phase: String, Encodable, Sendable {
        case running, done, cancelled, failed
    }

    /// What `GET /api/train` answers about a run.
    struct Status: Encodable, Sendable {
        var id: Int
        var phase: Phase
        var request: TrainingRequest
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
    }

    let id: Int
    private let state: Mutex<State>

    init(id: Int, request: TrainingRequest) {
        self.id = id
        state = Mutex(State(status: Status(id: id, phase: .running, request: request, epochsDone: 0)))
    }

    var status: Status { state.withLock { $0.status } }
    var isRunning: Bool { status.phase == .running }
    /// The trained model, once the run is done.
    var model: ModelFile? { state.withLock { $0.model } }

    /// Asks the run to stop after the batch it is on.
    func cancel() { state.withLock { $0.cancelRequested = true } }

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

    private struct Stopped: Error {}

    /// Trains as the request says on `directory`'s images, publishing progress; on success
    /// `finished` gets the model. Blocks until the run ends: call it on a thread of its own.
    func run(on directory: MNISTDirectory, finished: (ModelFile) -> Void) {
        let request = status.request
        do {
            let allTraining = try directory.trainingSet()
            let test = try directory.testSet()
            var (training, validation) = allTraining.split(validationCount: min(5000, allTraining.count / 10))
            if let limit = request.limit, limit < training.count { training = training.slice(0..<limit) }

            var recipe = TrainingRecipe()
            recipe.hiddenWidths = request.hidden
            recipe.epochs = request.epochs
            recipe.optimizer.learningRate = request.learningRate
            // One thread for the products and the data, leaving the other core to the requests.
            let run = recipe.makeRun(
                training: training, kernel: KernelKind.preferred.make(threads: 1), augmentationThreads: 1)
            let validationData = NormalizedImages(validation, normalization: recipe.normalization)
            publish(
                TrainingEvent(
                    "start",
                    Start(
                        architecture: run.network.architecture, parameters: run.network.parameterCount,
                        epochs: recipe.epochs, stepsPerEpoch: run.stepsPerEpoch, trainingImages: training.count,
                        validationImages: validation.count)))

            var validationAccuracy: Double?
            let reportEvery = max(1, run.stepsPerEpoch / 25)
            for epoch in 1...recipe.epochs {
                let summary = try run.trainEpoch { progress in
                    if state.withLock({ $0.cancelRequested }) { throw Stopped() }
                    guard progress.batch % reportEvery == 0 || progress.batch == progress.batchCount else { return }
                    publish(
                        TrainingEvent(
                            "progress",
                            Progress(
                                epoch: epoch, batch: progress.batch, batchCount: progress.batchCount,
                                loss: progress.meanLoss, accuracy: progress.accuracy)))
                }
                let validated = run.trainer.evaluate(on: validationData)
                validationAccuracy = validated.accuracy
                publish(
                    TrainingEvent(
                        "epoch",
                        Epoch(
                            epoch: epoch, loss: summary.meanLoss, accuracy: summary.accuracy,
                            validationLoss: validated.meanLoss, validationAccuracy: validated.accuracy,
                            seconds: summary.seconds))
                ) { $0.status.epochsDone = epoch }
            }

            let tested = run.trainer.evaluate(on: NormalizedImages(test, normalization: recipe.normalization))
            let record = TrainingRecord(
                epochs: recipe.epochs, batchSize: recipe.batchSize, seed: recipe.seed, trainingImages: training.count,
                validationImages: validation.count, testAccuracy: tested.accuracy,
                validationAccuracy: validationAccuracy, settings: recipe.settings)
            let model = ModelFile(network: run.network, normalization: recipe.normalization, metadata: record.metadata)
            finished(model)
            publish(TrainingEvent("done", Done(testAccuracy: tested.accuracy, model: TrainingJobs.modelPath))) {
                $0.model = model
                $0.status.phase = .done
                $0.status.testAccuracy = tested.accuracy
                $0.status.model = TrainingJobs.modelPath
            }
        } catch is Stopped {
            publish(TrainingEvent("cancelled", ["message": "the run was cancelled"])) { $0.status.phase = .cancelled }
        } catch {
            let message = String(describing: error)
            publish(TrainingEvent("failed", ["error": message])) {
                $0.status.phase = .failed
                $0.status.error = message
            }
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
        var validationLoss: Double
        var validationAccuracy: Double
        var seconds: Double
    }

    private struct Done: Encodable {
        var testAccuracy: Double
        var model: String
    }
}
#endif
