import ArgumentParser

/// Keeps one core busy for a bounded time: the benchmark's stand-in for another program
/// competing for the CPU. Hidden from help; `mnist bench` starts and stops it.
struct Spin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep one core busy for a while (used by bench).", shouldDisplay: false)

    @Option(parsing: .unconditional, help: "How long to spin, in seconds.")
    var seconds: Double = 60

    func validate() throws {
        guard (0...86_400).contains(seconds) else {
            throw ValidationError("--seconds must be from 0 to 86400 (got \(seconds)).")
        }
    }

    func run() {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var counter: UInt64 = 0
        while ContinuousClock.now < end {
            for _ in 0..<10_000 { counter &+= 1 }
        }
        if counter == 0 { print("") }  // keeps the loop from being optimized away
    }
}
