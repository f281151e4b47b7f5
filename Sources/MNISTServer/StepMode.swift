#if Server
import Dispatch
import Foundation
import MNIST
import ServerRequests
import Synchronization

/// The step mode of a training run from the page (`"mode": "step"`). The run's thread builds
/// its session, then waits here: each `POST /api/train/step` has it train one batch and answer
/// with what the batch did (`TrainingStep`), until `POST /api/train/run` sends it on at full
/// speed, `DELETE /api/train` cancels it, or no step comes for `idleLimit` seconds, which
/// cancels it too, so that a page left alone does not hold the one-run-at-a-time slot.
final class StepMode: Sendable {
    /// Why the run stopped waiting for steps.
    enum Ending: Equatable {
        /// `POST /api/train/run`: the run goes on at full speed.
        case run
        /// The steps trained every planned epoch.
        case finished
        case cancelled
        /// No step came for `idleLimit` seconds.
        case idle
    }

    private enum Command {
        case step(CheckedContinuation<TrainingStep, any Error>)
        case run
    }

    private struct State {
        var commands: [Command] = []
        var cancelled = false
        /// Why steps are refused, once they are: nil while the run takes them.
        var closedBecause: String?
    }

    /// The run, for the messages.
    let run: Int
    /// Seconds the run waits for a step before it is cancelled.
    let idleLimit: Double
    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    init(run: Int, idleLimit: Double) {
        self.run = run
        self.idleLimit = idleLimit
    }

    /// Whether the run still takes steps.
    var isOpen: Bool { state.withLock { $0.closedBecause == nil } }

    /// Trains one batch on the run's thread and returns what it did; a 409 once the run takes no
    /// more steps (it runs at full speed, or has ended), saying why.
    func step() async throws -> TrainingStep {
        try await withCheckedThrowingContinuation { continuation in
            let refusal = state.withLock { state in
                if state.closedBecause == nil { state.commands.append(.step(continuation)) }
                return state.closedBecause
            }
            if let refusal {
                continuation.resume(throwing: APIError(status: .conflict, message: refusal))
            } else {
                wakeUp.signal()
            }
        }
    }

    /// Sends the run on at full speed after the steps asked for before; a 409 once it takes no steps.
    func runAtFullSpeed() throws(APIError) {
        let refusal = state.withLock { state in
            if state.closedBecause == nil { state.commands.append(.run) }
            return state.closedBecause
        }
        if let refusal { throw APIError(status: .conflict, message: refusal) }
        wakeUp.signal()
    }

    /// Wakes the waiting run to be cancelled.
    func cancel() {
        state.withLock { $0.cancelled = true }
        wakeUp.signal()
    }

    /// Serves the steps on the run's thread until the run should go on at full speed, was
    /// cancelled or waited too long, or `session` has trained every epoch; `step` trains one
    /// batch. Throws what `step` throws (the run then fails, or was cancelled between batches),
    /// after answering that step with a 409 that says so.
    func serve(_ session: TrainingSession, step: () throws -> TrainingStep) throws -> Ending {
        while !session.isFinished {
            guard wakeUp.wait(timeout: .now() + idleLimit) == .success else {
                close(because: "run \(run) waited \(Int(idleLimit)) s for a step and was cancelled")
                return .idle
            }
            let command = state.withLock { state -> Command? in
                state.cancelled || state.commands.isEmpty ? nil : state.commands.removeFirst()
            }
            switch command {
            case .step(let reply):
                do {
                    reply.resume(returning: try step())
                } catch {
                    let ending = state.withLock { $0.cancelled } ? "was cancelled" : "failed: \(error)"
                    reply.resume(throwing: APIError(status: .conflict, message: "run \(run) \(ending)"))
                    close(because: "run \(run) \(ending)")
                    throw error
                }
            case .run:
                close(because: "run \(run) left step mode and trains at full speed (GET /api/train/events follows it)")
                return .run
            case nil:
                if state.withLock({ $0.cancelled }) {
                    close(because: "run \(run) was cancelled")
                    return .cancelled
                }
            }
        }
        close(because: "run \(run) has trained all its epochs")
        return .finished
    }

    /// Refuses steps from now on, and the steps still waiting, with `reason` (or the reason
    /// given first, when they are refused already).
    func close(because reason: String) {
        let waiting = state.withLock { state in
            state.closedBecause = state.closedBecause ?? reason
            defer { state.commands = [] }
            return state.commands
        }
        for case .step(let reply) in waiting { reply.resume(throwing: APIError(status: .conflict, message: reason)) }
    }
}
#endif
