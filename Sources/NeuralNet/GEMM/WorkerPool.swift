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
/// or shares its core with another program, simply takes fewer of them. Workers block on a
/// semaphore between jobs and never spin. A worker that has not woken up by the time the
/// caller has taken every part has its invitation withdrawn, so the caller never waits for
/// a thread that has nothing left to do. Running a job allocates nothing. Run one job at
/// a time.
final class WorkerPool: Sendable {
    /// The job in progress, shared by the caller and the workers.
    // Sendable: `run` sets `work` and `parts` while no worker has accepted; workers read them only after accepting.
    private final class Board: @unchecked Sendable {
        /// Written by `run` before any invitation is sent, read by workers only after
        /// accepting one (the acquiring exchange orders the two).
        var work: (any ParallelWork)?
        var parts = 0
        let nextPart = Atomic(0)
        let finished = DispatchSemaphore(value: 0)
        let isClosing = Atomic(false)

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

    /// One worker thread's mailbox: the semaphore it sleeps on and the state of the
    /// invitation to the current job.
    private final class Worker: Sendable {
        static let idle = 0, invited = 1, accepted = 2
        let wakeUp = DispatchSemaphore(value: 0)
        let invitation = Atomic(Worker.idle)
    }

    private let board = Board()
    /// Worker `i` runs as thread `i + 1`.
    private let workers: [Worker]

    /// The threads a job can run on, the calling thread included.
    var threads: Int { workers.count + 1 }

    /// Starts `threads - 1` worker threads, and returns once all of them are running, so
    /// that whatever a thread allocates as it starts is allocated here and not in a job.
    init(threads: Int) {
        workers = (1..<max(threads, 1)).map { _ in Worker() }
        for (index, worker) in workers.enumerated() {
            let board = board
            let thread = Thread {
                board.finished.signal()
                while true {
                    worker.wakeUp.wait()
                    if board.isClosing.load(ordering: .relaxed) { return }
                    // A wake-up whose invitation was withdrawn finds the mailbox idle.
                    let (accepted, _) = worker.invitation.compareExchange(
                        expected: Worker.invited, desired: Worker.accepted, ordering: .acquiring)
                    guard accepted else { continue }
                    board.performParts(worker: index + 1)
                    board.finished.signal()
                }
            }
            thread.name = "WorkerPool \(index + 1)"
            thread.start()
        }
        for _ in workers { board.finished.wait() }
    }

    deinit {
        board.isClosing.store(true, ordering: .relaxed)
        for worker in workers { worker.wakeUp.signal() }
    }

    /// Runs every part in `0..<parts` of `work` on this thread and up to `threads - 1`
    /// workers, and returns when all are done.
    func run(parts: Int, of work: some ParallelWork) {
        board.work = work
        board.parts = parts
        board.nextPart.store(0, ordering: .relaxed)
        let helpers = workers.prefix(min(parts, threads) - 1)
        for worker in helpers {
            worker.invitation.store(Worker.invited, ordering: .releasing)
            worker.wakeUp.signal()
        }
        board.performParts(worker: 0)
        for worker in helpers {
            let (withdrawn, _) = worker.invitation.compareExchange(
                expected: Worker.invited, desired: Worker.idle, ordering: .relaxed)
            if !withdrawn {
                board.finished.wait()
                worker.invitation.store(Worker.idle, ordering: .relaxed)
            }
        }
        board.work = nil
    }
}
