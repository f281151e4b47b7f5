import Foundation

/// What `mnist bench` measured, in the form it writes as JSON.
struct BenchmarkResults: Encodable {
    struct Machine: Encodable {
        var cpu: String
        var cores: Int
        var openblas: String?
        var date: String
    }

    /// One measurement: a GEMM shape's speed (`gflops`), a training run's (`samplesPerSecond`)
    /// or the time to prepare a batch (`microsecondsPerBatch`, with no kernel).
    struct Result: Encodable {
        var benchmark: String
        var kernel: String?
        var threads: Int
        var batch: Int
        var shape: String?
        var gflops: Double?
        var samplesPerSecond: Double?
        var maximumRelativeError: Double?
        /// For training: whether `threads` was chosen as it ran (the `auto` setting), and
        /// whether another process kept one core busy meanwhile.
        var automaticThreads: Bool?
        var contention: Bool?
        /// For training: the first layer's path (`dense`, `sparse`, `auto`), and the share of
        /// the timed batches that took the sparse products.
        var firstLayer: String?
        var sparseFirstLayerShare: Double?
        var augmentation: String?
        var microsecondsPerBatch: Double?
        /// For augmentation: the share of the distorted batches' entries that differ from the
        /// blank value, and of their group-columns (groups of four rows times columns) in which
        /// some row does.
        var inkedShare: Double?
        var groupColumnShare: Double?
    }

    var machine: Machine
    var results: [Result] = []

    /// Writes the results as JSON (snake_case keys) to `url`, atomically.
    func write(to url: URL) throws {
        try resultsJSON.write(to: url, options: .atomic)
    }
}

extension BenchmarkResults.Machine {
    /// This machine: CPU model, core count, OpenBLAS build (when linked) and the date.
    static func current(openblas: String?) -> Self {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return .init(
            cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount, openblas: openblas,
            date: ISO8601DateFormatter().string(from: Date()))
    }
}
