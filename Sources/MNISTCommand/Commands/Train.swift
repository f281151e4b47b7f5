import ArgumentParser
import Foundation
import MNIST
import NeuralNet

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a multilayer perceptron on MNIST and report its test accuracy.",
        discussion: "The last line printed is always `test accuracy: NN.NN%`.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Widths of the hidden ReLU layers, comma-separated.", valueName: "widths"))
    var hidden = IntegerList([128, 64])

    @Option(help: "Passes over the training set.")
    var epochs = 10

    @Option(help: "Examples per training step.")
    var batchSize = 64

    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(help: "Random distortion of each training image every time it is drawn: none, affine (rotate, scale, shear, shift) or elastic (affine plus an elastic wobble).")
    var augment = Augmentation.none

    @OptionGroup var regularizationOptions: RegularizationOptions

    @Option(parsing: .unconditional, help: "Training images held out, from the end of the training set, to validate on each epoch; 0 turns validation off.")
    var validation = 5000

    @Option(help: "Train on only the first N training images, for quick experiments (default: all).")
    var limit: Int?

    @Option(help: "Seed for weight initialization, shuffling, augmentation and dropout; the same seed gives the same run with --threads 1.")
    var seed: UInt64 = 42

    @Option(parsing: .unconditional, help: "Pixel mean subtracted after scaling bytes to [0, 1].")
    var mean: Float = Normalization.mnist.mean

    @Option(help: "Pixel standard deviation divided by after subtracting the mean.")
    var std: Float = Normalization.mnist.standardDeviation

    @OptionGroup var kernelOptions: KernelOptions

    func validate() throws {
        guard hidden.values.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--hidden must list positive layer widths such as 128,64 (got \(hidden)).")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        try optimizerOptions.validate(epochs: epochs)
        guard validation >= 0 else { throw ValidationError("--validation must be 0 or more images (got \(validation)).") }
        guard std > 0, std.isFinite, mean.isFinite else {
            throw ValidationError("--std must be positive and --mean finite (got mean \(mean), std \(std)).")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 image (got \(limit)).") }
    }

    func run() throws {
        let loadStart = ContinuousClock.now
        let directory = dataOptions.directory
        let allTraining = try directory.trainingSet()
        let test = try directory.testSet()
        guard validation < allTraining.count else {
            throw ValidationError("--validation \(validation) would leave no training images (the training set has \(allTraining.count)).")
        }
        var (training, held) = allTraining.split(validationCount: validation)
        if let limit, limit < training.count { training = training.slice(0..<limit) }
        print("loaded \(Format.grouped(allTraining.count)) training and \(Format.grouped(test.count)) test images from \(directory.url.path) in \(Format.fixed((ContinuousClock.now - loadStart).seconds, 2)) s")

        let normalization = Normalization(mean: mean, standardDeviation: std)
        let normalizedTraining = NormalizedImages(training, normalization: normalization)
        let validationData = NormalizedImages(held, normalization: normalization)
        let testData = NormalizedImages(test, normalization: normalization)

        var generator = RandomGenerator(seed: seed)
        let network = MLP(sizes: [normalizedTraining.featureCount] + hidden.values + [10])
        network.initialize(using: &generator)
        let optimizer = optimizerOptions.makeOptimizer(for: network.parameters)
        let (kernel, kernelDescription) = kernelOptions.makeKernel()
        let batchesPerEpoch = (training.count + batchSize - 1) / batchSize
        // Seeds drawn in this order, so that adding a draw never shifts an earlier stream.
        let shuffleSeed = generator.next(), augmentationSeed = generator.next(), dropoutSeed = generator.next()
        let trainer = Trainer(
            network: network, optimizer: optimizer, kernel: kernel, batchSize: batchSize, shuffleSeed: shuffleSeed,
            schedule: optimizerOptions.makeSchedule(epochs: epochs, batchesPerEpoch: batchesPerEpoch),
            plannedSteps: epochs * batchesPerEpoch, dropout: regularizationOptions.makeDropout(seed: dropoutSeed),
            labelSmoothing: regularizationOptions.labelSmoothing)
        let trainingData: any TrainingData =
            augment == .none
            ? normalizedTraining
            : AugmentedImages(
                normalizedTraining, augmentation: augment, seed: augmentationSeed,
                threads: ProcessInfo.processInfo.activeProcessorCount)

        print("model \(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters; \(kernelDescription)")
        print("training on \(Format.grouped(training.count)) images, validating on \(Format.grouped(held.count)); \(optimizerOptions.summary(epochs: epochs))\(regularizationOptions.summary), batch \(batchSize), \(epochs) epochs, \(augment == .none ? "" : "\(augment.rawValue) augmentation, ")seed \(seed)")

        var bar = ProgressBar()
        for epoch in 1...epochs {
            let label = "epoch \(epoch)/\(epochs)"
            let summary = try trainer.trainEpoch(on: trainingData) { progress in
                bar.update(
                    label: label, done: progress.batch, total: progress.batchCount,
                    detail: "loss \(Format.fixed(progress.meanLoss, 4))  acc \(Format.percent(progress.accuracy))")
            }
            bar.clear()
            let validationText = held.count > 0 ? Format.percent(trainer.evaluate(on: validationData).accuracy) : "-"
            print(
                "epoch \(String(epoch).leftPadded(to: String(epochs).count))/\(epochs)"
                    + "  loss \(Format.fixed(summary.meanLoss, 4))"
                    + "  train \(Format.percent(summary.accuracy))"
                    + "  val \(validationText)"
                    + "  \(Format.fixed(summary.seconds, 2)) s"
                    + "  \(Format.grouped(Int(summary.samplesPerSecond.rounded()))) samples/s")
        }

        let result = trainer.evaluate(on: testData)
        print("per-class test accuracy:")
        for (digit, accuracy) in result.classAccuracies.enumerated() {
            let total = result.confusion[digit].reduce(0, +)
            print("  \(digit): \(accuracy.map(Format.percent) ?? "-") of \(Format.grouped(total))")
        }
        print("test accuracy: \(Format.percent(result.accuracy))")
    }
}

extension Augmentation: ExpressibleByArgument {}
