import MNIST
import NeuralNet

/// `mnist train`'s default recipe (784-128-64-10, SGD on a cosine schedule) at `batchSize`, on
/// `count` random images; with `regularized`, AdamW on a one-cycle schedule with dropout and
/// label smoothing instead.
func makeRun(
    kind: KernelKind, threads: ThreadSetting, batchSize: Int = 64, count: Int = 1024, regularized: Bool = false
) -> TrainingRun {
    var generator = RandomGenerator(seed: 1)
    let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    var recipe = TrainingRecipe()
    recipe.batchSize = batchSize
    if regularized {
        recipe.optimizer = OptimizerSettings(.adamw)
        recipe.schedule = ScheduleSettings(.onecycle, warmupEpochs: 3)
        recipe.dropout = 0.2
        recipe.labelSmoothing = 0.1
    }
    return recipe.makeRun(
        training: LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels), kernel: kind.make(threads))
}
