import Foundation
import MNIST
import NeuralNet
import Report

extension Train {
    /// Writes the HTML training report into `directory` and prints where it is.
    func writeReport(
        to directory: ReportDirectory, history: TrainingHistory, data: TrainingSplits, predictions: Predictions,
        network: MLP, recipe: TrainingRecipe, kernel: String
    ) throws {
        try directory.writeReport(
            ReportContents(
                title: "MNIST training report",
                subtitle:
                    "\(network.architecture) MLP, \(Format.counted(epochs, "epoch")) on \(Format.grouped(data.training.count)) images · \(ReportContents.timestamp)",
                settings: reportSettings(network: network, recipe: recipe, data: data, kernel: kernel),
                history: history, testImages: data.test, testPredictions: predictions,
                firstLayer: network.layers[0].weight.value))
        print("report: \(directory.file("index.html").path)")
    }

    /// The run's settings as the report lists them.
    private func reportSettings(network: MLP, recipe: TrainingRecipe, data: TrainingSplits, kernel: String)
        -> [ReportContents.Setting]
    {
        var settings: [ReportContents.Setting] = [
            .init("model", "\(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters"),
            .init("optimizer", recipe.optimizerSummary),
            .init("batch size", String(recipe.batchSize)),
            .init("epochs", String(recipe.epochs)),
            .init("augmentation", recipe.augmentation.rawValue),
            .init("seed", String(recipe.seed)),
            .init("training images", Format.grouped(data.training.count) + (limit.map { " (--limit \($0))" } ?? "")),
            .init("validation images", Format.grouped(data.validation.count)),
            .init("test images", Format.grouped(data.test.count)),
            .init(
                "normalization", "(x / 255 − \(recipe.normalization.mean)) / \(recipe.normalization.standardDeviation)"),
            .init("data", dataOptions.directory.url.path),
            .init("matrix products", kernel),
            .init("cores", String(ProcessInfo.processInfo.activeProcessorCount)),
        ]
        if let resume { settings.insert(.init("resumed from", resume), at: 1) }
        if let saveBest { settings.insert(.init("best epoch saved to", saveBest), at: 1) }
        if let save { settings.insert(.init("saved to", save), at: 1) }
        return settings
    }
}
