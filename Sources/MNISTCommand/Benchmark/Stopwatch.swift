import NeuralNet

/// Timing helpers for the benchmark.
enum Stopwatch {
    /// The wall time of `body` in seconds.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        try timed(body).seconds
    }

    /// What `body` returns, and its wall time in seconds.
    static func timed<Value>(_ body: () throws -> Value) rethrows -> (value: Value, seconds: Double) {
        let start = ContinuousClock.now
        let value = try body()
        return (value, (ContinuousClock.now - start).seconds)
    }

    /// The median of `values` (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
