import MNIST
import NeuralNet

/// `mnist train`'s default recipe (784-128-64-10, SGD on a cosine schedule) at `batchSize`, on
/// `count` random images (every pixel inked: the first layer takes the dense products), or
/// with `mnistLike` on images blank but for a fifth of their pixels (the sparse products);
/// with `regularized`, AdamW on a one-cycle schedule with dropout and label smoothing instead.
func makeRun(
    kind: KernelKind, threads: ThreadSetting, batchSize: Int = 64, count: Int = 1024, regularized: Bool = false,
    mnistLike: Bool = false
) -> TrainingRun {
    var recipe = TrainingRecipe()
    recipe.batchSize = batchSize
    if regularized {
        recipe.optimizer = OptimizerSettings(.adamw)
        recipe.schedule = ScheduleSettings(.onecycle, warmupEpochs: 3)
        recipe.dropout = 0.2
        recipe.labelSmoothing = 0.1
    }
    let images = mnistLike ? mnistLikeImages(count) : randomImages(count)
    return recipe.makeRun(training: images, kernel: kind.make(threads))
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

/// `count` 28×28 images shaped like MNIST's for the first layer: blank, but for 38% of the
/// pixels of the middle 20×20 (a fifth of the image, as many as a digit inks) holding random
/// non-zero bytes; random labels.
func mnistLikeImages(_ count: Int) -> LabelledImages {
    var generator = RandomGenerator(seed: 2)
    var pixels = [UInt8](repeating: 0, count: count * 784)
    for image in 0..<count {
        for row in 4..<24 {
            for column in 4..<24 where generator.nextUnitDouble() < 0.38 {
                pixels[image * 784 + row * 28 + column] = UInt8(1 + generator.next() % 255)
            }
        }
    }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    return LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels)
}
