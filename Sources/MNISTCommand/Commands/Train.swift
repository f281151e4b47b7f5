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

    @Option(
        help: ArgumentHelp(
            "A named recipe: best (docs/best-mlp.md). Flags you give override the preset's.", valueName: "name")
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
        recipeOptions.recipe(epochs: epochs, batchSize: batchSize, resumedNormalization: resumed?.normalization)
    }

    func run() throws {
        if let preset { print("preset \(preset.rawValue): \(preset.arguments.joined(separator: " "))") }
        let reportDirectory = try reportOptions.prepare()  // a folder that cannot be written fails now
        let resumed = try resumedModel()
        let recipe = recipe(resuming: resumed)

        let data = try TrainingSplits.load(from: dataOptions.directory, validation: validation, limit: limit)
        try checkBatchSize(fitsIn: data.training.count)
        let (kernel, kernelDescription) = kernelOptions.makeKernel()
        let run = recipe.makeRun(training: data.training, resuming: resumed?.network, kernel: kernel)
        let validationData = NormalizedImages(data.validation, normalization: recipe.normalization)
        let testData = NormalizedImages(data.test, normalization: recipe.normalization)
        printStart(recipe, network: run.network, data: data, kernel: kernelDescription, resumed: resumed)

        let record = TrainingRecord(
            recipe: recipe, earlierEpochs: resumed?.trainedEpochs ?? 0, trainingImages: data.training.count,
            validationImages: data.validation.count)
        var checkpoints = ModelCheckpoints(
            network: run.network, normalization: recipe.normalization, record: record, save: save, saveBest: saveBest)
        var console = TrainingConsole(epochs: epochs)
        var history = TrainingHistory(stepsPerEpoch: run.stepsPerEpoch, plannedEpochs: epochs)
        for epoch in 1...epochs {
            let summary = try run.trainEpoch { progress in
                history.record(stepLoss: progress.batchLoss)
                console.show(progress, epoch: epoch)
            }
            let validation = data.validation.count > 0 ? run.trainer.evaluate(on: validationData) : nil
            history.record(.init(summary, validation: validation, learningRate: run.trainer.optimizer.learningRate))
            let isBest = try checkpoints.epochEnded(epoch, validation: validation)
            console.printEpoch(summary, validation: validation, savedAsBest: isBest)
        }

        let test = run.trainer.evaluate(on: testData)
        try checkpoints.finish(test: test, testData: testData, kernel: kernel)
        console.printPerClass(test)
        if let reportDirectory {
            try writeReport(
                to: reportDirectory, history: history, data: data, predictions: run.trainer.predictions(on: testData),
                network: run.network, recipe: recipe, kernel: kernelDescription)
        }
        print("test accuracy: \(Format.percent(test.accuracy))")
    }

    /// The model to continue training (`--resume`), checked against the flags, or nil.
    private func resumedModel() throws -> ModelFile? {
        guard let resume else { return nil }
        let model = try ModelFile.load(checking: resume, flag: "--resume")
        try recipeOptions.checkConsistency(with: model, path: resume)
        return model
    }

    /// The lines that say what is about to be trained, on what and how.
    private func printStart(
        _ recipe: TrainingRecipe, network: MLP, data: TrainingSplits, kernel: String, resumed: ModelFile?
    ) {
        if let resumed, let resume { print("resuming \(resume): \(resumed.summary)") }
        print("model \(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters; \(kernel)")
        let augmentation = recipe.augmentation == .none ? "" : "\(recipe.augmentation.rawValue) augmentation, "
        print(
            "training on \(Format.grouped(data.training.count)) images, validating on \(Format.grouped(data.validation.count)); \(recipe.optimizerSummary), batch \(batchSize), \(Format.counted(epochs, "epoch")), \(augmentation)seed \(recipe.seed)"
        )
    }
}
