import ArgumentParser
import Foundation
import MNIST
import NeuralNet

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a saved model on the MNIST test set: accuracy, per-digit precision and recall, confusion matrix.",
        discussion: "The last line printed is always `test accuracy: NN.NN%` (unless --json - prints JSON instead).")

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Also write the results as JSON to this file; - prints only the JSON, to standard output.", valueName: "file"))
    var json: String?

    @OptionGroup var kernelOptions: KernelOptions

    func run() throws {
        let modelFile = try modelOptions.load()
        let directory = dataOptions.directory
        let test = try directory.testSet()
        let (kernel, kernelDescription) = kernelOptions.makeKernel()
        let start = ContinuousClock.now
        let evaluation = Evaluator(network: modelFile.network, kernel: kernel)
            .evaluate(on: NormalizedImages(test, normalization: modelFile.normalization))
        let seconds = (ContinuousClock.now - start).seconds

        let report = EvaluationReport(model: modelOptions.model, modelFile: modelFile, data: directory.url.path, evaluation: evaluation)
        if json == "-" {
            print(report.jsonText)
            return
        }
        if let json { try report.write(to: URL(fileURLWithPath: json)) }

        print("model \(modelOptions.model): \(modelFile.summary); \(kernelDescription)")
        print("evaluated \(Format.grouped(evaluation.count)) test images from \(directory.url.path) in \(Format.fixed(seconds, 2)) s, mean loss \(Format.fixed(evaluation.meanLoss, 4))")
        print("")
        for line in EvaluationTable.confusionMatrix(evaluation) { print(line) }
        print("")
        for line in EvaluationTable.perClass(evaluation) { print(line) }
        print("test accuracy: \(Format.percent(evaluation.accuracy))")
    }
}
