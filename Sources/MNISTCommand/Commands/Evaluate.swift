import ArgumentParser
import Foundation
import MNIST
import NeuralNet
import Report

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Measure a saved model on the MNIST test set: accuracy, per-digit precision and recall, confusion matrix.",
        discussion: "The last line printed is always `test accuracy: NN.NN%` (unless --json - prints JSON instead).")

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var modelDefinedOptions: ModelDefinedOptions

    @OptionGroup var dataOptions: DataOptions

    @Option(
        help: ArgumentHelp(
            "Also write the results as JSON to this file; - prints only the JSON, to standard output.",
            valueName: "file"))
    var json: String?

    @Flag(
        help:
            "Present each test digit the way people's images arrive: drawn 2.5-6 times larger in dark ink on a white 256×192 canvas, off-centre, saved as PNG or JPEG (alternately) in memory, read back and prepared as `mnist predict` prepares files. Also reports the accuracy on the original images."
    )
    var asPhotos = false

    @Option(
        help: ArgumentHelp(
            "With --as-photos, how the digits are drawn: thick (their own strokes, scaled up with them; the default) or thin (the strokes thinned to lines 1 pixel wide, like a pencil on a large canvas).",
            valueName: "pen"))
    var pen: DigitPhoto.Pen?

    @Option(parsing: .unconditional, help: "Evaluate on the first N test images only (default: all 10,000).")
    var limit: Int?

    @Flag(help: "Evaluate even on another data set's files than the model was trained on (with a warning).")
    var force = false

    @OptionGroup var kernelOptions: KernelOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 image (got \(limit)).") }
        if pen != nil && !asPhotos { throw ValidationError("--pen chooses how --as-photos draws; add --as-photos.") }
    }

    @OptionGroup var reportOptions: ReportOptions

    func run() throws {
        let reportDirectory = try reportOptions.prepare()
        let modelFile = try modelOptions.load()
        let dataSet = dataOptions.namedDataSet ?? DataSet.named(modelFile.dataSet.name) ?? .mnist
        let directory = MNISTDirectory(dataOptions.directoryURL(for: dataSet))
        try checkDataSet(of: modelFile, against: directory.identifiedDataSet() ?? dataOptions.namedDataSet, directory)
        let classes = modelFile.dataSet
        let fullTest = try dataOptions.reading(dataSet) { () throws(DataError) in try directory.testSet() }
        let test = fullTest.slice(0..<min(limit ?? fullTest.count, fullTest.count))
        let (kernels, kernelDescription) = kernelOptions.makeKernelPerThread()
        let evaluator = Evaluator(network: modelFile.network, kernels: kernels)
        let photos = try asPhotos ? DigitPhoto.roundTrip(test, seed: 0, pen: pen ?? .thick) : nil
        let evaluated = photos ?? test
        let evaluatedData = NormalizedImages(evaluated, normalization: modelFile.normalization)
        let (evaluation, seconds) = Stopwatch.timed { evaluator.evaluate(on: evaluatedData) }
        let original =
            asPhotos ? evaluator.evaluate(on: NormalizedImages(test, normalization: modelFile.normalization)) : nil
        if let reportDirectory {
            try reportDirectory.writeReport(
                reportContents(
                    modelFile, images: evaluated, predictions: evaluator.predictions(on: evaluatedData),
                    data: directory.url.path, kernel: kernelDescription))
        }

        var results = EvaluationResults(
            model: modelOptions.model, modelFile: modelFile, data: directory.url.path, evaluation: evaluation,
            seconds: seconds, classes: classes)
        results.asPhotos = asPhotos
        results.pen = asPhotos ? (pen ?? .thick).rawValue : nil
        results.originalAccuracy = original?.accuracy
        if json == "-" {
            print(results.jsonText)
            return
        }
        if let json { try results.write(to: URL(fileURLWithPath: json)) }

        print("model \(modelOptions.model): \(modelFile.summary); \(kernelDescription)")
        let drawn = pen == .thin ? " drawn with a thin pen" : ""
        let presented = asPhotos ? " as photos\(drawn) (PNG and JPEG, read back and prepared)" : ""
        print(
            "evaluated \(Format.grouped(evaluation.count)) test images\(presented) from \(directory.url.path) in \(Format.fixed(seconds, 2)) s, mean loss \(Format.fixed(evaluation.meanLoss, 4))"
        )
        print("")
        for line in EvaluationTable.confusionMatrix(evaluation, classes: classes) { print(line) }
        print("")
        for line in EvaluationTable.perClass(evaluation, classes: classes) { print(line) }
        if let original {
            let points = (evaluation.accuracy - original.accuracy) * 100
            print(
                "on the original 28×28 images: \(Format.percent(original.accuracy)); as photos: \(Format.percent(evaluation.accuracy)) (\(points >= 0 ? "+" : "")\(Format.fixed(points, 2)) points)"
            )
        }
        if let reportDirectory { print("report: \(reportDirectory.file("index.html").path)") }
        print("test accuracy: \(Format.percent(evaluation.accuracy))")
    }
}

extension Evaluate {
    /// Refuses to evaluate a model on the files of another data set than it was trained on
    /// (`data`: the data set the folder holds or `--dataset` names, nil when unknown), or
    /// warns with `--force`.
    func checkDataSet(of modelFile: ModelFile, against data: DataSet?, _ directory: MNISTDirectory) throws {
        guard let data, data.name != modelFile.dataSet.name else { return }
        let model = modelFile.dataSet
        let problem =
            "\(modelOptions.model) was trained on \(model.title), but \(directory.url.path) holds \(data.title)"
        guard force else {
            throw CommandError(
                "\(problem): its \(model.classNames.count) classes would be scored against other labels. Evaluate it on \(model.title) (--dataset \(model.name), or --data a folder of its files), or pass --force to evaluate it anyway."
            )
        }
        printError("warning: \(problem); evaluating anyway (--force).")
    }

    /// What the report shows for a saved model: no training history, its file's metadata as
    /// settings, and the test images as the network saw them (as photos with --as-photos).
    func reportContents(
        _ modelFile: ModelFile, images: LabelledImages, predictions: Predictions, data: String, kernel: String
    ) -> ReportContents {
        let network = modelFile.network
        let settings: [ReportContents.Setting] = [
            .init("model file", modelOptions.model), .init("model", modelFile.summary),
            .init(
                "test images", "\(Format.grouped(images.count)) from \(data)\(asPhotos ? ", presented as photos" : "")"),
            .init("matrix products", kernel),
        ]
        var contents = ReportContents(
            title: "\(modelFile.dataSet.title) model report",
            subtitle: "\(modelOptions.model): \(network.architecture) MLP · \(ReportContents.timestamp)",
            settings: settings + modelFile.metadata.sorted { $0.key < $1.key }.map { .init($0.key, $0.value) },
            history: nil, testImages: images, testPredictions: predictions, firstLayer: network.layers[0].weight.value,
            dataSet: modelFile.dataSet)
        contents.map = DigitMap(
            classifier: DigitClassifier(
                network: network, normalization: modelFile.normalization, kernel: KernelKind.preferred.make(threads: 1)),
            images: images)
        return contents
    }
}

extension DigitPhoto.Pen: ExpressibleByArgument {}
