// The training step, in package-benchmark's format: `make bench` (or `swift package benchmark`
// in this folder) runs both groups, and `swift package benchmark baseline update` / `baseline
// compare` set two commits side by side (docs/performance.md). No thresholds: the numbers are
// for people to read, not a gate.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    allocationBenchmarks()
    speedBenchmarks()
}
