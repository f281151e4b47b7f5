// Counts heap allocations of the steady-state training step, for every kernel and thread
// count: the engine allocates all its buffers up front, so after warm-up a step (and a whole
// epoch of data gathering and steps) must allocate nothing. Only mallocs are measured here;
// speed is `mnist bench`'s job (this package builds without the Makefile's CPU flags).
// Run with `make bench`.
import Benchmark
import MNIST
import NeuralNet

/// `mnist train`'s default recipe (784-128-64-10, SGD on a cosine schedule, batch 64) on 1,024
/// random images; with `regularized`, AdamW on a one-cycle schedule with dropout and label
/// smoothing instead.
private func makeRun(kind: KernelKind, threads: ThreadSetting, regularized: Bool = false) -> TrainingRun {
    var generator = RandomGenerator(seed: 1)
    let count = 1024
    let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    var recipe = TrainingRecipe()
    if regularized {
        recipe.optimizer = OptimizerSettings(.adamw)
        recipe.schedule = ScheduleSettings(.onecycle, warmupEpochs: 3)
        recipe.dropout = 0.2
        recipe.labelSmoothing = 0.1
    }
    return recipe.makeRun(
        training: LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels), kernel: kind.make(threads))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal], warmupIterations: 3, maxDuration: .seconds(1))

    for kind in KernelKind.allCases {
        for threads in [ThreadSetting.fixed(1), .fixed(2), .automatic(cores: 2)] {
            let run = makeRun(kind: kind, threads: threads)
            let name = "\(kind.rawValue) kernel, threads \(threads), batch 64"
            Benchmark("training step, \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(run.trainer.step(rows: 64))
                }
            }
            Benchmark("training epoch of 1,024 images, \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try run.trainEpoch())
                }
            }
        }
        let regularized = makeRun(kind: kind, threads: .fixed(1), regularized: true)
        Benchmark(
            "training step, AdamW, one-cycle, dropout, label smoothing, \(kind.rawValue) kernel, threads 1, batch 64"
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(regularized.trainer.step(rows: 64))
            }
        }
    }
}
