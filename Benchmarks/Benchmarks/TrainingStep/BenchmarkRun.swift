import MNIST
import NeuralNet

/// `mnist train`'s default recipe (784-128-64-10, SGD on a cosine schedule) at `batchSize`, on
/// `count` random images; with `regularized`, AdamW on a one-cycle schedule with dropout and
/// label smoothing instead.
func makeRun(
    kind: KernelKind, threads: ThreadSetting, batchSize: Int = 64, count: Int = 1024, regularized: Bool = false
) -> TrainingRun {
    var recipe = TrainingRecipe()
    recipe.batchSize = batchSize
    if regularized {
        recipe.optimizer = OptimizerSettings(.adamw)
        recipe.schedule = ScheduleSettings(.onecycle, warmupEpochs: 3)
        recipe.dropout = 0.2
        recipe.labelSmoothing = 0.1
    }
    return recipe.makeRun(training: randomImages(count), kernel: kind.make(threads))
}

/// A `TrainingSession` of `mnist train`'s default recipe, as `mnist train` and the page run it,
/// on 1,024 random images without validation, planned for more epochs than a benchmark runs.
func makeSession(kind: KernelKind, threads: ThreadSetting) throws -> TrainingSession {
    var recipe = TrainingRecipe()
    recipe.epochs = 10_000
    let splits = try TrainingSplits(allTraining: randomImages(1024), test: randomImages(64), validationCount: 0)
    return try TrainingSession(recipe: recipe, splits: splits, kernel: kind.make(threads), augmentationThreads: 1)
}

/// `count` 28×28 images of random bytes with random labels.
func randomImages(_ count: Int) -> LabelledImages {
    var generator = RandomGenerator(seed: 1)
    let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    return LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels)
}
