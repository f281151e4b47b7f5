import ArgumentParser
import Foundation
import MNIST
import NeuralNet
import Report

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a multilayer perceptron on MNIST (or another --dataset) and report its test accuracy.",
        discussion: "The last line printed is always `test accuracy: NN.NN%`.")

    @OptionGroup var dataOptions: DataOptions

    @Option(
        help: ArgumentHelp(
            "A named recipe: best (docs/best-mlp.md; Fashion-MNIST's own: docs/fashion-mnist.md) or speedrun (docs/speedrun.md). Flags you give override the preset's.",
            valueName: "name")
    )
    var preset: Preset?

    @Option(parsing: .unconditional, help: "Passes over the training set.")
    var epochs = TrainingRecipe().epochs

    @Option(parsing: .unconditional, help: "Examples per training step.")
    var batchSize = TrainingRecipe().batchSize

    @OptionGroup var recipeOptions: RecipeOptions

    @Option(
        parsing: .unconditional,
        help:
            "Training images held out, from the end of the training set, to validate on each epoch; 0 turns validation off."
    )
    var validation = 5000

    @Option(
        parsing: .unconditional,
        help: "Train on only the first N training images, for quick experiments (default: all).")
    var limit: Int?

    @Option(help: ArgumentHelp("Write the trained model to this file (safetensors), atomically.", valueName: "file"))
    var save: String?

    @Option(
        help: ArgumentHelp(
            "Keep the model of the epoch with the best validation accuracy in this file (safetensors), rewritten atomically whenever an epoch beats the earlier ones; its test accuracy is measured at the end.",
            valueName: "file"))
    var saveBest: String?

    @Option(
        help: ArgumentHelp(
            "Continue training the model in this file; its architecture and normalization are kept, the optimizer's state and the learning-rate schedule start afresh.",
            valueName: "file"))
    var resume: String?

    @OptionGroup var kernelOptions: KernelOptions

    @OptionGroup var reportOptions: ReportOptions

    /// The recipe the flags choose; a resumed model keeps its own normalization.
    func recipe(resuming resumed: ModelFile? = nil) -> TrainingRecipe {
        recipeOptions.recipe(
            epochs: epochs, batchSize: batchSize, dataSet: dataSet(resuming: resumed),
            resumedNormalization: resumed?.normalization)
    }

    /// The data set to train on: `--dataset`, else the resumed model's, else MNIST.
    func dataSet(resuming resumed: ModelFile?) -> DataSet {
        dataOptions.namedDataSet ?? resumed.flatMap { DataSet.named($0.dataSet.name) } ?? .mnist
    }

    func run() throws {
        if let preset {
            // The flags `Preset.expand` put in, which only --dataset decides.
            let flags = preset.arguments(dataSet: (dataOptions.namedDataSet ?? .mnist).name)
            print("preset \(preset.rawValue): \(flags.joined(separator: " "))")
        }
        let reportDirectory = try reportOptions.prepare()  // a folder that cannot be written fails now
        let resumed = try resumedModel()
        let dataSet = dataSet(resuming: resumed)
        let splits = try loadSplits(of: dataSet)
        let (kernel, kernelDescription) = kernelOptions.makeKernel()
        let session: TrainingSession
        do {
            session = try TrainingSession(
                recipe: recipe(resuming: resumed), splits: splits, dataSet: dataSet, resuming: resumed,
                kernel: kernel)
        } catch {
            throw flagWorded(error)
        }
        printStart(session, kernel: kernelDescription, resumed: resumed)

        var checkpoints = ModelCheckpoints(save: save, saveBest: saveBest)
        var console = TrainingConsole(epochs: epochs, verbose: kernelOptions.verbose)
        let test = try session.train { event in
            switch event {
            case .batch(let progress):
                console.show(progress)
            case .epoch(let epoch):
                let isBest = try checkpoints.epochEnded(epoch, of: session)
                console.printEpoch(epoch, savedAsBest: isBest)
            }
        }
        try checkpoints.finish(session)
        console.printPerClass(test, classes: dataSet)
        if let reportDirectory { try writeReport(to: reportDirectory, session: session, kernel: kernelDescription) }
        print("test accuracy: \(Format.percent(test.accuracy))")
    }

    /// The training, validation and test images the flags ask for; prints what it loaded.
    private func loadSplits(of dataSet: DataSet) throws -> TrainingSplits {
        let start = ContinuousClock.now
        let directory = MNISTDirectory(dataOptions.directoryURL(for: dataSet))
        let (allTraining, test) = try dataOptions.reading(dataSet) { () throws(DataError) in
            (try directory.trainingSet(), try directory.testSet())
        }
        print(
            "loaded \(Format.grouped(allTraining.count)) training and \(Format.grouped(test.count)) test images from \(directory.url.path) in \(Format.fixed((ContinuousClock.now - start).seconds, 2)) s"
        )
        do {
            return try TrainingSplits(allTraining: allTraining, test: test, validationCount: validation, limit: limit)
        } catch {
            throw CommandError("--validation \(validation): \(error)")
        }
    }

    /// The model to continue training (`--resume`), checked against the flags, or nil.
    private func resumedModel() throws -> ModelFile? {
        guard let resume else { return nil }
        let model = try ModelFile.load(checking: resume, flag: "--resume")
        try recipeOptions.checkConsistency(with: model, path: resume)
        if let named = dataOptions.namedDataSet, named.name != model.dataSet.name {
            throw CommandError(
                "--dataset \(named.name) conflicts with the model in \(resume), trained on \(model.dataSet.title); leave --dataset out when resuming."
            )
        }
        return model
    }

    /// The lines that say what is about to be trained, on what and how.
    private func printStart(_ session: TrainingSession, kernel: String, resumed: ModelFile?) {
        let (recipe, network, splits) = (session.recipe, session.network, session.splits)
        if let resumed, let resume { print("resuming \(resume): \(resumed.summary)") }
        print("model \(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters; \(kernel)")
        let augmentation = recipe.augmentation == .none ? "" : "\(recipe.augmentation.rawValue) augmentation, "
        print(
            "training on \(Format.grouped(splits.training.count)) images, validating on \(Format.grouped(splits.validation.count)); \(recipe.optimizerSummary), batch \(batchSize), \(Format.counted(epochs, "epoch")), \(augmentation)seed \(recipe.seed)"
        )
    }
}
