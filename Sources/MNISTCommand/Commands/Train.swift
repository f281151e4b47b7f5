import ArgumentParser
import Foundation
import MNIST
import NeuralNet
import Report

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a multilayer perceptron on MNIST and report its test accuracy.",
        discussion: "The last line printed is always `test accuracy: NN.NN%`.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("A named recipe: best (README, \"The best MLP\"). Flags you give override the preset's.", valueName: "name"))
    var preset: Preset?

    @Option(help: ArgumentHelp("Widths of the hidden ReLU layers, comma-separated (default: 128,64).", valueName: "widths"))
    var hidden: IntegerList?

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

    @Option(parsing: .unconditional, help: "Pixel mean subtracted after scaling bytes to [0, 1] (default: \(Normalization.mnist.mean)).")
    var mean: Float?

    @Option(help: "Pixel standard deviation divided by after subtracting the mean (default: \(Normalization.mnist.standardDeviation)).")
    var std: Float?

    @Option(help: ArgumentHelp("Write the trained model to this file (safetensors), atomically.", valueName: "file"))
    var save: String?

    @Option(help: ArgumentHelp(
        "Keep the model of the epoch with the best validation accuracy in this file (safetensors), rewritten atomically whenever an epoch beats the earlier ones; its test accuracy is measured at the end.",
        valueName: "file"))
    var saveBest: String?

    @Option(help: ArgumentHelp(
        "Continue training the model in this file; its architecture and normalization are kept, the optimizer's state and the learning-rate schedule start afresh.",
        valueName: "file"))
    var resume: String?

    @OptionGroup var kernelOptions: KernelOptions

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        if let hidden, !hidden.values.allSatisfy({ $0 >= 1 }) {
            throw ValidationError("--hidden must list positive layer widths such as 128,64 (got \(hidden)).")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        try optimizerOptions.validate(epochs: epochs)
        guard validation >= 0 else { throw ValidationError("--validation must be 0 or more images (got \(validation)).") }
        if let std, !(std > 0 && std.isFinite) { throw ValidationError("--std must be positive (got \(std)).") }
        if let mean, !mean.isFinite { throw ValidationError("--mean must be a finite number (got \(mean)).") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 image (got \(limit)).") }
        if let save { try Self.checkWritable(save, flag: "--save") }
        if let saveBest {
            guard validation > 0 else {
                throw ValidationError("--save-best picks the epoch by its validation accuracy, so it needs --validation above 0.")
            }
            guard saveBest != save else {
                throw ValidationError("--save and --save-best name the same file, \(saveBest); give the best epoch's model its own.")
            }
            try Self.checkWritable(saveBest, flag: "--save-best")
        }
    }

    static let defaultHidden = [128, 64]

    /// The hidden layer widths of a new network.
    var hiddenWidths: [Int] { hidden?.values ?? Self.defaultHidden }

    /// Fails unless a file can be created at `path`, so a run does not train for minutes
    /// and then find that it cannot save.
    static func checkWritable(_ path: String, flag: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("\(flag) \(path) is a folder; give a file name such as \(URL(fileURLWithPath: path).appendingPathComponent("model.safetensors").path).")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(flag) \(path): the folder \(folder) does not exist.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("\(flag) \(path): the folder \(folder) is not writable.")
        }
    }

    /// Fails if a flag asks for a different architecture or normalization than `model` has.
    func checkConsistency(with model: ModelFile, path: String) throws {
        let widths = Array(model.network.sizes.dropFirst().dropLast())
        if let hidden, hidden.values != widths {
            throw CommandError("--hidden \(hidden) conflicts with the model in \(path), whose hidden layers are \(IntegerList(widths)); leave --hidden out when resuming.")
        }
        if let mean, mean != model.normalization.mean {
            throw CommandError("--mean \(mean) conflicts with the model in \(path), trained with mean \(model.normalization.mean); leave --mean out when resuming.")
        }
        if let std, std != model.normalization.standardDeviation {
            throw CommandError("--std \(std) conflicts with the model in \(path), trained with std \(model.normalization.standardDeviation); leave --std out when resuming.")
        }
    }

    func run() throws {
        if let preset { print("preset \(preset.rawValue): \(preset.arguments.joined(separator: " "))") }
        // A report folder that cannot be written fails now, not after training.
        let reportDirectory = try reportOptions.prepare()
        let resumed = try resume.map { try ModelFile.load(checking: $0, flag: "--resume") }
        if let resumed, let resume { try checkConsistency(with: resumed, path: resume) }

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

        let normalization = resumed?.normalization
            ?? Normalization(mean: mean ?? Normalization.mnist.mean, standardDeviation: std ?? Normalization.mnist.standardDeviation)
        let normalizedTraining = NormalizedImages(training, normalization: normalization)
        let validationData = NormalizedImages(held, normalization: normalization)
        let testData = NormalizedImages(test, normalization: normalization)

        var generator = RandomGenerator(seed: seed)
        let network: MLP
        if let resumed {
            network = resumed.network
        } else {
            network = MLP(sizes: [normalizedTraining.featureCount] + hiddenWidths + [10])
            network.initialize(using: &generator)
        }
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
        let trainingData: any Dataset =
            augment == .none
            ? normalizedTraining
            : AugmentedImages(
                normalizedTraining, augmentation: augment, seed: augmentationSeed,
                threads: ProcessInfo.processInfo.activeProcessorCount)

        if let resumed, let resume { print("resuming \(resume): \(resumed.summary)") }
        print("model \(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters; \(kernelDescription)")
        print("training on \(Format.grouped(training.count)) images, validating on \(Format.grouped(held.count)); \(optimizerOptions.summary(epochs: epochs))\(regularizationOptions.summary), batch \(batchSize), \(Format.counted(epochs, "epoch")), \(augment == .none ? "" : "\(augment.rawValue) augmentation, ")seed \(seed)")

        // What a saved model's file records about this run; the epochs and accuracies are
        // filled in when a model is saved.
        let earlierEpochs = resumed?.trainedEpochs ?? 0
        var record = TrainingRecord(
            epochs: earlierEpochs, batchSize: batchSize, seed: seed,
            trainingImages: training.count, validationImages: held.count,
            settings: optimizerOptions.settings(epochs: epochs).merging(regularizationOptions.settings) { $1 }
                .merging(["augmentation": augment.rawValue]) { $1 })
        var bestCheckpoint = saveBest.map(BestCheckpoint.init(path:))

        var bar = ProgressBar()
        var history = TrainingHistory(stepsPerEpoch: batchesPerEpoch, plannedEpochs: epochs)
        for epoch in 1...epochs {
            let label = "epoch \(epoch)/\(epochs)"
            let summary = try trainer.trainEpoch(on: trainingData) { progress in
                history.record(stepLoss: progress.batchLoss)
                bar.update(
                    label: label, done: progress.batch, total: progress.batchCount,
                    detail: "loss \(Format.fixed(progress.meanLoss, 4))  acc \(Format.percent(progress.accuracy))")
            }
            bar.clear()
            let validationResult = held.count > 0 ? trainer.evaluate(on: validationData) : nil
            record.epochs = earlierEpochs + epoch
            record.validationAccuracy = validationResult?.accuracy
            history.record(.init(summary, validation: validationResult, learningRate: optimizer.learningRate))
            var isBest = false
            if let validationResult, var checkpoint = bestCheckpoint {
                isBest = try checkpoint.offer(epoch: epoch, validationAccuracy: validationResult.accuracy) {
                    ModelFile(network: network, normalization: normalization, metadata: record.metadata)
                }
                bestCheckpoint = checkpoint
            }
            let validationText = validationResult.map { Format.percent($0.accuracy) } ?? "-"
            print(
                "epoch \(String(epoch).leftPadded(to: String(epochs).count))/\(epochs)"
                    + "  loss \(Format.fixed(summary.meanLoss, 4))"
                    + "  train \(Format.percent(summary.accuracy))"
                    + "  val \(validationText)"
                    + "  \(Format.fixed(summary.seconds, 2)) s"
                    + "  \(Format.grouped(Int(summary.samplesPerSecond.rounded()))) samples/s"
                    + (isBest ? "  saved as the best" : ""))
            fflush(nil)  // so that a long run can be followed through a pipe or a file
        }

        let result = trainer.evaluate(on: testData)
        if let save {
            record.testAccuracy = result.accuracy
            try ModelFile(network: network, normalization: normalization, metadata: record.metadata)
                .save(to: URL(fileURLWithPath: save))
            print("saved the model to \(save)")
        }
        if let bestCheckpoint, let best = bestCheckpoint.epoch {
            let bestResult = try bestCheckpoint.finish(testingOn: testData, kernel: kernel)
            print("saved epoch \(best), the best by validation (\(Format.percent(bestCheckpoint.validationAccuracy))), to \(bestCheckpoint.path): test accuracy \(Format.percent(bestResult.accuracy))")
        }
        print("per-class test accuracy:")
        for (digit, accuracy) in result.recalls.enumerated() {
            let total = result.confusion[digit].reduce(0, +)
            print("  \(digit): \(accuracy.map(Format.percent) ?? "-") of \(Format.grouped(total))")
        }
        if let reportDirectory {
            try reportDirectory.writeReport(ReportContents(
                title: "MNIST training report",
                subtitle: "\(network.architecture) MLP, \(Format.counted(epochs, "epoch")) on \(Format.grouped(training.count)) images · \(ReportContents.timestamp)",
                settings: reportSettings(
                    network: network, training: training.count, validation: held.count, test: test.count,
                    normalization: normalization, data: directory.url.path, kernel: kernelDescription),
                history: history, testImages: test, testPredictions: trainer.predictions(on: testData),
                firstLayer: network.layers[0].weight.value))
            print("report: \(reportDirectory.file("index.html").path)")
        }
        print("test accuracy: \(Format.percent(result.accuracy))")
    }
}

extension Augmentation: ExpressibleByArgument {}

extension Train {
    /// The run's settings as the report lists them.
    func reportSettings(
        network: MLP, training: Int, validation: Int, test: Int, normalization: Normalization, data: String, kernel: String
    ) -> [ReportContents.Setting] {
        var settings: [ReportContents.Setting] = [
            .init("model", "\(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters"),
            .init("optimizer", optimizerOptions.summary(epochs: epochs) + regularizationOptions.summary),
            .init("batch size", String(batchSize)),
            .init("epochs", String(epochs)),
            .init("augmentation", augment.rawValue),
            .init("seed", String(seed)),
            .init("training images", Format.grouped(training) + (limit.map { " (--limit \($0))" } ?? "")),
            .init("validation images", Format.grouped(validation)),
            .init("test images", Format.grouped(test)),
            .init("normalization", "(x / 255 − \(normalization.mean)) / \(normalization.standardDeviation)"),
            .init("data", data),
            .init("matrix products", kernel),
            .init("cores", String(ProcessInfo.processInfo.activeProcessorCount)),
        ]
        if let resume { settings.insert(.init("resumed from", resume), at: 1) }
        if let saveBest { settings.insert(.init("best epoch saved to", saveBest), at: 1) }
        if let save { settings.insert(.init("saved to", save), at: 1) }
        return settings
    }
}
