import Benchmark
import MNIST
import NeuralNet

/// Heap allocations of the steady-state training step, for every kernel and thread count: the
/// engine allocates all its buffers up front, so after warm-up a step (and a whole epoch of
/// data gathering and steps) must allocate nothing, on the first layer's dense products
/// (random images) and on its sparse ones (MNIST-like images). Only mallocs are counted here.
///
/// `make bench-check` enforces it: each of these benchmarks has a static threshold of 0
/// mallocs in `Benchmarks/Thresholds/` (`TrainingStep.<name>.p90.json`), and no tolerance
/// above it, so `swift package benchmark thresholds check` fails on a single allocation in
/// more than a tenth of the iterations (package-benchmark checks static thresholds at p90).
func allocationBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.mallocCountTotal], warmupIterations: 3, maxDuration: .seconds(1),
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 0])])

    for kind in KernelKind.allCases {
        for threads in [ThreadSetting.fixed(1), .fixed(2), .automatic(cores: 2)] {
            let run = makeRun(kind: kind, threads: threads)
            let name = "\(kind.rawValue) kernel, threads \(threads), batch 64"
            Benchmark("training step, \(name)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(run.trainer.step(rows: 64))
                }
            }
            Benchmark("training epoch of 1,024 images, \(name)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try run.trainEpoch())
                }
            }
            // The first layer's sparse products, on images as blank as MNIST's: every step takes them.
            let mnistLike = makeRun(kind: kind, threads: threads, mnistLike: true)
            precondition(
                (try? mnistLike.trainEpoch().sparseFirstLayerShare) == 1, "MNIST-like images took the dense path")
            Benchmark("training step on MNIST-like images, \(name)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(mnistLike.trainer.step(rows: 64))
                }
            }
            // The batch as `mnist train` and the page train it: the session's events and history.
            let session = try! makeSession(kind: kind, threads: threads)
            Benchmark("training batch in a session, \(name)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    try session.trainBatch { blackHole($0) }
                }
            }
        }
        let regularized = makeRun(kind: kind, threads: .fixed(1), regularized: true)
        Benchmark(
            "training step, AdamW, one-cycle, dropout, label smoothing, \(kind.rawValue) kernel, threads 1, batch 64",
            configuration: configuration
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(regularized.trainer.step(rows: 64))
            }
        }
    }
}
