import Foundation
import Images

/// A child process (`mnist spin`) that keeps one core busy until stopped, or for at most
/// `limit` seconds should the benchmark die first.
final class CoreHog {
    private let process = Process()

    init(limit: Double = 600) throws {
        process.executableURL = try Self.runningExecutable()
        process.arguments = ["spin", "--seconds", "\(limit)"]
        do {
            try process.run()
        } catch {
            throw CommandError(
                "cannot start \(process.executableURL!.path) spin, the load for the contention runs: \(FileProblem.reason(error)); --contention-batches 0 skips those runs."
            )
        }
    }

    /// The file this process runs: not `CommandLine.arguments[0]`, which is only `mnist` when
    /// the shell found it on PATH.
    private static func runningExecutable() throws -> URL {
        #if os(Linux)
        URL(fileURLWithPath: "/proc/self/exe")
        #else
        guard let url = Bundle.main.executableURL else {
            throw CommandError(
                "cannot find this program's own file to start the load for the contention runs; --contention-batches 0 skips those runs."
            )
        }
        return url
        #endif
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
