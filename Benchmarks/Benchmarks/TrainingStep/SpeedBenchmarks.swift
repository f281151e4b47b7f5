import Benchmark
import Foundation
import MNIST
import NeuralNet

/// Wall clock and throughput (steps/s; times the batch size for samples/s) of one training
/// step of each kernel at batch 64 and 256, on one thread and with the default `auto`, beside
/// its allocation count. A step here is what an epoch repeats: gather and normalize a batch of
/// images, forward, loss, backward, update; each iteration is an epoch over exactly one batch.
///
/// This package builds with the CPU flags given to `swift package` (see docs/performance.md):
/// without them the Swift kernel's SIMD code is scalar and the comparison says nothing.
func speedBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 20, maxDuration: .seconds(2))
    let cores = ProcessInfo.processInfo.activeProcessorCount

    for batchSize in [64, 256] {
        for threads in [ThreadSetting.fixed(1), .automatic(cores: cores)] {
            for kind in KernelKind.allCases {
                let run = makeRun(kind: kind, threads: threads, batchSize: batchSize, count: batchSize)
                Benchmark(
                    "training step speed, batch \(batchSize), threads \(threads), \(kind.rawValue) kernel",
                    configuration: configuration
                ) { benchmark in
                    for _ in benchmark.scaledIterations {
                        blackHole(try run.trainEpoch())
                    }
                }
            }
        }
    }
}
