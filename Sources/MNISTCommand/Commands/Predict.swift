import ArgumentParser
import Foundation
import Images
import MNIST
import NeuralNet
import Report

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Recognize the digit (or the class of the model's data set) in your own image files (PNG, JPEG, PGM or PPM).",
        discussion: """
            Each image is prepared the way the MNIST digits were: converted to gray, the ink told \
            from the paper (dark on light or light on dark), cropped to the ink, scaled to fit \
            20×20 and centred by its centre of mass in 28×28 (for a Fashion-MNIST model, the way \
            its product photos were: trimmed, scaled to 28, sharpened, negated). --show prints that 28×28 input. \
            A file that cannot be read is reported and the others are still predicted; the exit \
            status is then 1.
            """)

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var modelDefinedOptions: ModelDefinedOptions

    @Flag(
        help:
            "Print one JSON document (per file: the digit, its probability, the runner-up, all ten probabilities, or the error) instead of text."
    )
    var json = false

    @Flag(
        help:
            "Also print the 28×28 input the network saw, after preprocessing: as text art, or with --json as 28 rows of 28 numbers from 0 (paper) to 255 (ink)."
    )
    var show = false

    @Option(
        help: ArgumentHelp(
            "Write why the network answered as it did into this folder (created if missing): per image, IMAGE-NAME.explain.png, the 28×28 input it saw tinted red where ink pushes it toward its answer and blue where toward the runner-up, the colour bar under it running from the runner-up (left) to the answer (right).",
            valueName: "folder"))
    var explain: String?

    @Argument(help: ArgumentHelp("Image files.", valueName: "image"))
    var images: [String]

    func validate() throws {
        if let explain {
            try ExplanationFolder.checkNamesAreDistinct(images)
            try ExplanationFolder.prepare(explain)
        }
    }

    func run() throws {
        let modelFile = try modelOptions.load()
        let classifier = DigitClassifier(
            network: modelFile.network, normalization: modelFile.normalization,
            kernel: KernelKind.preferred.make(threads: 1))

        var outcomes: [PredictionOutcome] = []
        for path in images {
            do {
                let image = try ImageFile.read(URL(fileURLWithPath: path))
                let digit = try modelFile.dataSet.imagePreparation.prepare(image, name: path)
                let prediction: DigitClassifier.Prediction
                if let explain {
                    let explanation = classifier.explain(digit.pixels)
                    prediction = explanation.prediction
                    try ExplanationFolder.write(explanation, of: digit, image: path, to: explain)
                } else {
                    prediction = classifier.predict([digit.pixels])[0]
                }
                outcomes.append(
                    PredictionOutcome(
                        file: path, result: .recognized(.init(image: image, digit: digit, prediction: prediction))))
            } catch {
                outcomes.append(PredictionOutcome(file: path, result: .failed(String(describing: error))))
            }
        }

        let classes = modelFile.dataSet
        if json {
            print(PredictionOutcome.json(outcomes, model: modelOptions.model, includeInput: show, classes: classes))
        } else {
            for outcome in outcomes { outcome.printText(show: show, classes: classes) }
        }
        let failures = outcomes.filter { if case .failed = $0.result { true } else { false } }.count
        if failures > 0 {
            if !json && outcomes.count > 1 {
                printError("\(failures) of \(outcomes.count) images could not be recognized.")
            }
            throw ExitCode(1)
        }
    }
}

/// One image's prediction, or why there is none.
struct PredictionOutcome {
    struct Recognized {
        var image: PixelImage
        var digit: PreparedDigit
        var prediction: DigitClassifier.Prediction
    }

    enum Result {
        case recognized(Recognized)
        case failed(String)
    }

    var file: String
    var result: Result

    /// `file: 7 (98.12%), runner-up 1 (1.02%)` (class names instead of digits for other data
    /// sets), or the error on standard error.
    func printText(show: Bool, classes: DataSet) {
        switch result {
        case let .failed(message):
            printFailure(message)
        case let .recognized(recognized):
            let p = recognized.prediction
            print(
                "\(file): \(classes.classNames[p.digit]) (\(Format.percent(Double(p.probabilities[p.digit])))), runner-up \(classes.classNames[p.runnerUp]) (\(Format.percent(Double(p.probabilities[p.runnerUp]))))"
            )
            if show {
                let box = recognized.digit.inkBox
                let ink = recognized.digit.darkInkOnLightPaper ? "dark ink on light paper" : "light ink on dark paper"
                let subject = classes.isDigits ? "digit" : "subject"
                print(
                    "  \(recognized.image.width)×\(recognized.image.height) image, \(ink), \(subject) in \(box.x.count)×\(box.y.count) pixels at (\(box.x.lowerBound), \(box.y.lowerBound)); the network saw:"
                )
                for line in DigitArt.lines(recognized.digit.pixels) { print("  " + line) }
            }
        }
    }

    /// The outcomes as one JSON document (snake_case keys), each array of numbers on one line.
    static func json(_ outcomes: [PredictionOutcome], model: String, includeInput: Bool, classes: DataSet) -> String {
        let records = outcomes.map { outcome in
            switch outcome.result {
            case let .failed(message):
                PredictionRecord(file: outcome.file, error: message)
            case let .recognized(recognized):
                PredictionRecord(
                    file: outcome.file, digit: recognized.digit, prediction: recognized.prediction,
                    includeInput: includeInput, dataSet: classes)
            }
        }
        var json = JSONBytes(pretty: true)
        json.object { json in
            json.member("model", model) { $0.append(string: $1) }
            json.member("results", records) {
                $0.array($1) { json, record in json.object { record.writeMembers(to: &$0) } }
            }
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
