import Dispatch
import Foundation
import Synchronization

/// Work made of independent parts that can run on different threads at the same time.
///
/// A class, so that handing it to the workers copies a reference and allocates nothing.
protocol ParallelWork: AnyObject, Sendable {
    /// Runs part `part` on thread `worker` (0 is the caller of `WorkerPool.run`, so a
    /// worker can own per-thread buffers). Every part of a job runs exactly once.
    func perform(part: Int, worker: Int)
}

/// A fixed set of threads that help the calling thread through the parts of a job.
///
/// Parts are handed out one at a time from a shared counter, so a thread that starts late,
/// or shares its core with another program, simply takes fewer of them. A worker that has
/// not started by the time the caller has taken every part has its invitation withdrawn, so
/// the caller never waits for a thread that has nothing left to do.
///
/// Between jobs a worker keeps watching for the next one for `watchSeconds` before it goes
/// to sleep on a semaphore. A training step's products follow each other tens of
/// microseconds apart, while waking a sleeping thread costs the caller up to 10 µs and the
/// thread starts tens of µs later on a virtual machine: a watching worker starts within a
/// fraction of a microsecond. The caller likewise watches for its helpers to finish, and
/// sleeps only if they take longer than that (a helper descheduled by another program).
/// Running a job allocates nothing. Run one job at a time.
final class WorkerPool: Sendable {
    /// How long a thread watches an atomic state before it sleeps on a semaphore instead:
    /// longer than the gaps between a training step's products, short enough that an idle
    /// pool soon stops taking a core.
    static let watchSeconds = 0.0005

    /// The time a thread spends watching an atomic state: over after `watchSeconds`, with the
    /// clock read once every 64 checks.
    private struct Watch {
        private let deadline = ContinuousClock.now.advanced(by: .seconds(WorkerPool.watchSeconds))
        private var checks = 0

        /// Counts one check; true once the watch has lasted `watchSeconds`.
        mutating func isOver() -> Bool {
            checks &+= 1
            return checks & 63 == 0 && ContinuousClock.now >= deadline
        }
    }

    /// The job in progress, shared by the caller and the workers.
    // Sendable: `run` sets `work` and `parts` while no worker has accepted; workers read them only after accepting.
    private final class Board: @unchecked Sendable {
        /// Written by `run` before any invitation is sent, read by workers only after
        /// accepting one (the acquiring exchange orders the two).
        var work: (any ParallelWork)?
        var parts = 0
        let nextPart = Atomic(0)

        /// Runs parts from the shared counter until none are left.
        func performParts(worker: Int) {
            guard let work else { return }
            while true {
                let part = nextPart.add(1, ordering: .relaxed).oldValue
                guard part < parts else { return }
                work.perform(part: part, worker: worker)
            }
        }
    }

    /// One worker thread's mailbox: the state of its invitation to the current job, and the
    /// semaphores that it, and the caller waiting for it, sleep on.
    private final class Worker: Sendable {
        /// `idle` → `invited` (by the caller) → `accepted` (by the worker) → `idle` (done),
        /// or back to `idle` if the caller withdraws an invitation nobody accepted yet.
        /// `asleep` is `idle` with the worker on `wakeUp`; `awaited` is `accepted` with the
        /// caller on `done`; `closing` ends the thread.
        static let idle = 0, invited = 1, accepted = 2, asleep = 3, awaited = 4, closing = 5
        let state = Atomic(Worker.idle)
        let wakeUp = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        /// The worker thread's loop: wait for an invitation, do parts, report, repeat.
        func serve(_ board: Board, as thread: Int) {
            while acceptInvitation() {
                board.performParts(worker: thread)
                if state.exchange(Worker.idle, ordering: .acquiringAndReleasing) == Worker.awaited { done.signal() }
            }
        }

        /// Watches for an invitation, then sleeps until one comes; false when the pool closes.
        private func acceptInvitation() -> Bool {
            var watch = Watch()
            while true {
                switch state.load(ordering: .relaxed) {
                case Worker.invited:
                    let (accepted, _) = state.compareExchange(
                        expected: Worker.invited, desired: Worker.accepted, ordering: .acquiring)
                    if accepted { return true }
                case Worker.closing:
                    return false
                default:
                    guard watch.isOver() else { continue }
                    let (sleeps, _) = state.compareExchange(
                        expected: Worker.idle, desired: Worker.asleep, ordering: .relaxed)
                    if sleeps { wakeUp.wait() }
                    watch = Watch()
                }
            }
        }

        /// Invites the worker to the job on the board, waking it if it sleeps.
        func invite() {
            if state.exchange(Worker.invited, ordering: .releasing) == Worker.asleep { wakeUp.signal() }
        }

        /// Withdraws the invitation if the worker has not accepted it, or else returns once
        /// the worker has finished its parts.
        func finish() {
            let (withdrawn, _) = state.compareExchange(
                expected: Worker.invited, desired: Worker.idle, ordering: .relaxed)
            if withdrawn { return }
            var watch = Watch()
            while state.load(ordering: .acquiring) == Worker.accepted {
                guard watch.isOver() else { continue }
                let (waits, _) = state.compareExchange(
                    expected: Worker.accepted, desired: Worker.awaited, ordering: .acquiring)
                if waits { done.wait() }
                return
            }
        }

        /// Ends the thread, waking it if it sleeps.
        func close() {
            if state.exchange(Worker.closing, ordering: .relaxed) == Worker.asleep { wakeUp.signal() }
        }
    }

    private let board = Board()
    /// The job `forEachPiece` runs, made once so that running it allocates nothing.
    let pieces = RangePieces()
    /// Worker `i` runs as thread `i + 1`.
    private let workers: [Worker]

    /// The threads a job can run on, the calling thread included.
    var threads: Int { workers.count + 1 }

    /// Starts `threads - 1` worker threads, and returns once all of them are running, so
    /// that whatever a thread allocates as it starts is allocated here and not in a job.
    init(threads: Int) {
        workers = (1..<max(threads, 1)).map { _ in Worker() }
        let started = DispatchSemaphore(value: 0)
        for (index, worker) in workers.enumerated() {
            let board = board
            let thread = Thread {
                started.signal()
                worker.serve(board, as: index + 1)
            }
            thread.name = "WorkerPool \(index + 1)"
            thread.start()
        }
        for _ in workers { started.wait() }
    }

    deinit {
        for worker in workers { worker.close() }
    }

    /// Runs every part in `0..<parts` of `work` on this thread and up to `threads - 1`
    /// workers, and returns when all are done.
    func run(parts: Int, of work: some ParallelWork) {
        board.work = work
        board.parts = parts
        board.nextPart.store(0, ordering: .relaxed)
        let helpers = workers.prefix(min(parts, threads) - 1)
        for worker in helpers { worker.invite() }
        board.performParts(worker: 0)
        for worker in helpers { worker.finish() }
        board.work = nil
    }
}
