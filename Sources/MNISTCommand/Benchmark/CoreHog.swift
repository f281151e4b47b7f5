import Foundation

/// A child process (`mnist spin`) that keeps one core busy until stopped, or for at most
/// `limit` seconds should the benchmark die first.
final class CoreHog {
    private let process = Process()

    init(limit: Double = 600) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        process.arguments = ["spin", "--seconds", "\(limit)"]
        try process.run()
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
