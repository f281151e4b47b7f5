import Foundation
import MNIST
import NeuralNet

extension ReportContents {
    /// The report of a finished training session, `mnist train --report`'s and the page's: its
    /// learning curves, its network's answers on the test images, its first layer, and its
    /// settings followed by `extraSettings` (where the data came from, the kernel, files written).
    public init(session: TrainingSession, extraSettings: [Setting]) {
        let (network, recipe, splits) = (session.network, session.recipe, session.splits)
        let settings: [Setting] = [
            .init("model", "\(network.architecture) MLP, \(Format.grouped(network.parameterCount)) parameters"),
            .init("optimizer", recipe.optimizerSummary),
            .init("batch size", String(recipe.batchSize)),
            .init("epochs", String(recipe.epochs)),
            .init("augmentation", recipe.augmentation.rawValue),
            .init("seed", String(recipe.seed)),
            .init("training images", Format.grouped(splits.training.count)),
            .init("validation images", Format.grouped(splits.validation.count)),
            .init("test images", Format.grouped(splits.test.count)),
            .init(
                "normalization", "(x / 255 − \(recipe.normalization.mean)) / \(recipe.normalization.standardDeviation)"),
        ]
        self.init(
            title: "\(session.dataSet.title) training report",
            subtitle:
                "\(network.architecture) MLP, \(Format.counted(recipe.epochs, "epoch")) on \(Format.grouped(splits.training.count)) images · \(Self.timestamp)",
            settings: settings + extraSettings, history: session.history, testImages: splits.test,
            testPredictions: session.trainer.predictions(on: session.testImages),
            firstLayer: network.layers[0].weight.value, dataSet: session.dataSet)
        map = DigitMap(
            classifier: DigitClassifier(
                network: network, normalization: recipe.normalization, kernel: session.trainer.kernel),
            images: splits.test)
    }

    /// Today's date and time for a subtitle, such as `2026-11-25 22:47:38 UTC`.
    public static var timestamp: String {
        Date().formatted(.iso8601).replacing("T", with: " ").replacing("Z", with: " UTC")
    }
}
