// The training step, in package-benchmark's format: `make bench` (or `swift package benchmark`
// in this folder) runs both groups, and `swift package benchmark baseline update` / `baseline
// compare` set two commits side by side (docs/performance.md). The allocation counts are a gate
// (`make bench-check`, thresholds in Benchmarks/Thresholds/); the speeds are for people to read.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    allocationBenchmarks()
    speedBenchmarks()
}
