import Charts
import Foundation
import Images
import MNIST
import NeuralNet
import TestSupport
import Testing

@testable import Report

/// A small, fully known report: 40 images, three of them misclassified, 70 first-layer units.
enum SampleReport {
    static let count = 40
    /// Misclassified examples and the probability the network gave its wrong answer.
    static let mistakes: [Int: (predicted: Int, confidence: Float)] = [3: (5, 0.6), 7: (1, 0.9), 12: (4, 0.99)]

    static func images() -> LabelledImages {
        var pixels = [UInt8](repeating: 0, count: count * 784)
        for image in 0..<count {
            for row in 0..<28 { pixels[image * 784 + row * 28 + image % 28] = 255 }
        }
        return LabelledImages(height: 28, width: 28, pixels: pixels, labels: (0..<count).map { UInt8($0 % 10) })
    }

    static func predictions(allCorrect: Bool = false) -> Predictions {
        var probabilities: [Float] = []
        var predicted: [Int] = []
        for example in 0..<count {
            let (guess, confidence) = allCorrect ? (example % 10, 0.8) : mistakes[example] ?? (example % 10, 0.8)
            predicted.append(guess)
            probabilities += (0..<10).map { $0 == guess ? confidence : (1 - confidence) / 9 }
        }
        return Predictions(
            classCount: 10, probabilities: probabilities, predicted: predicted, labels: (0..<count).map { $0 % 10 })
    }

    /// Unit 0 has weight +1 on pixel 0 and −1 on pixel 1, all else 0.
    static func firstLayer() -> Matrix {
        let weights = Matrix(rows: 70, columns: 784, value: 0.01)
        weights[0, 0] = 1
        weights[0, 1] = -1
        for column in 2..<784 { weights[0, column] = 0 }
        return weights
    }

    static func history() -> TrainingHistory {
        var history = TrainingHistory(stepsPerEpoch: 5, plannedEpochs: 2)
        for step in 0..<10 { history.record(stepLoss: 2.3 / Double(step + 1)) }
        history.record(
            .init(
                epoch: 1, trainingLoss: 1.1, trainingAccuracy: 0.7, validationLoss: 0.9, validationAccuracy: 0.9,
                learningRate: 0.02, seconds: 0.5, samplesPerSecond: 600))
        history.record(
            .init(
                epoch: 2, trainingLoss: 0.4, trainingAccuracy: 0.9, validationLoss: 0.5, validationAccuracy: 0.95,
                learningRate: 0.001, seconds: 0.25, samplesPerSecond: 1200))
        return history
    }

    static func contents(
        history: TrainingHistory? = history(), allCorrect: Bool = false, settings: [ReportContents.Setting] = [],
        dataSet: DataSet = .mnist
    ) -> ReportContents {
        ReportContents(
            title: "Test report", subtitle: "synthetic", settings: settings, history: history,
            testImages: images(), testPredictions: predictions(allCorrect: allCorrect), firstLayer: firstLayer(),
            dataSet: dataSet)
    }

    /// Writes a report into a new temporary folder and reads it back.
    static func written(_ contents: ReportContents) throws -> (files: [String], folder: ReportFolder) {
        let directory = try ReportDirectory(
            preparing: Fixtures.temporaryDirectory("report").appendingPathComponent("out"))
        let files = try directory.writeReport(contents)
        return (files, try ReportFolder(directory.url))
    }
}

@Suite struct ReportWriterTests {
    @Test func pageReferencesExactlyTheFilesWritten() throws {
        let (files, folder) = try SampleReport.written(SampleReport.contents())
        #expect(
            Set(files)
                == Set(ReportDirectory.commonFiles + ["loss.svg", "accuracy.svg", "metrics.csv", "mistakes.png"]))
        let listed = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(Set(listed) == Set(files), "no leftover temporary or probe files")
        for reference in folder.references {
            #expect(
                FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(reference).path),
                "\(reference)")
        }
        #expect(Set(folder.references) == Set(files).subtracting(["index.html"]))
    }

    @Test func chartsAreWellFormedSVGWithTheirNumbersAsText() throws {
        let (_, folder) = try SampleReport.written(SampleReport.contents())
        let loss = try folder.svgTexts("loss.svg")
        #expect(loss.contains("Loss") && loss.contains("validation") && loss.contains("epoch"))
        let accuracy = try folder.svgTexts("accuracy.svg")
        #expect(accuracy.contains("accuracy (%)") && accuracy.contains("test, final"))
        let confusion = try folder.svgTexts("confusion.svg")
        #expect(confusion.contains("predicted digit") && confusion.contains("true digit"))
        // Class 2 has four images, one of them (12) taken for a 4.
        #expect(confusion.filter { $0 == "3" }.count >= 1 && confusion.contains("4"))
    }

    @Test func tileSheetsHaveTheDocumentedSizes() throws {
        let (_, folder) = try SampleReport.written(SampleReport.contents())
        #expect(try folder.pngSize("mistakes.png") == ReportFolder.sheetSize(columns: 3, rows: 1))
        #expect(
            try folder.pngSize("first-layer.png") == ReportFolder.sheetSize(columns: 8, rows: 8),
            "64 of the 70 units, 8 to a row")
        #expect(
            try folder.pngSize("samples.png") == ReportFolder.sheetSize(columns: 12, rows: 10),
            "12 per class, one row per class")
        let samples = try folder.png("samples.png")
        let weights = try folder.png("first-layer.png")
        #expect(samples.channels == 3 && weights.channels == 3)
    }

    @Test func weightTilesAreRedForPositiveBlueForNegativeWhiteForZero() throws {
        let (_, folder) = try SampleReport.written(SampleReport.contents())
        let weights = try folder.png("first-layer.png")
        func color(_ x: Int, _ y: Int) -> Color {
            Color(
                red: weights[x: x, y: y, channel: 0], green: weights[x: x, y: y, channel: 1],
                blue: weights[x: x, y: y, channel: 2])
        }
        // Unit 0's tile starts at (2, 2); each weight covers 2×2 pixels.
        #expect(color(2, 2) == ColorMap.blueWhiteRed(1) && color(3, 3) == ColorMap.blueWhiteRed(1))
        #expect(color(4, 2) == ColorMap.blueWhiteRed(0))
        #expect(color(6, 2) == ColorMap.blueWhiteRed(0.5))
        #expect(color(0, 0) == TileSheet.gapColor && color(58, 10) == TileSheet.gapColor)
    }

    @Test func mistakesComeMostConfidentFirstWithTheirCaptions() throws {
        #expect(DigitGalleries.mostConfidentMistakes(SampleReport.predictions(), limit: 64) == [12, 7, 3])
        #expect(DigitGalleries.mostConfidentMistakes(SampleReport.predictions(), limit: 2) == [12, 7])
        let (_, folder) = try SampleReport.written(SampleReport.contents())
        let captions = folder.html.matches(of: #/<figcaption>(\d → \d [^<]*)</figcaption>/#).map { String($0.output.1) }
        #expect(captions == ["2 → 4 99%", "7 → 1 90%", "3 → 5 60%"])
        #expect(folder.html.contains("All 3 misclassified test images, surest first."))
    }

    @Test func galleriesNameTheClassesOfADataSetThatIsNotDigits() throws {
        let (_, folder) = try SampleReport.written(SampleReport.contents(dataSet: .fashion))
        let captions = folder.html.matches(of: #/<figcaption>([^<]* → [^<]*)</figcaption>/#).map { String($0.output.1) }
        #expect(captions == ["Pullover → Coat 99%", "Sneaker → Trouser 90%", "Dress → Sandal 60%"])
        #expect(folder.html.contains(#"title="test image 12: Pullover, taken for Coat with probability 99%"#))
        let rowLabels = folder.html.matches(of: #/<div class="row-label">([^<]*)</div>/#).map { String($0.output.1) }
        #expect(rowLabels == DataSet.fashion.classNames.enumerated().map { "\($0.offset) \($0.element)" })
    }

    @Test func tablesHoldTheRunsNumbers() throws {
        let (_, folder) = try SampleReport.written(SampleReport.contents())
        let metrics = try folder.csv("metrics.csv")
        #expect(metrics.count == 3)
        #expect(
            metrics[0] == [
                "epoch", "training_loss", "training_accuracy", "validation_loss", "validation_accuracy",
                "learning_rate", "seconds", "samples_per_second",
            ])
        #expect(metrics[1] == ["1", "1.100000", "0.700000", "0.900000", "0.900000", "0.02", "0.5000", "600.0"])
        #expect(metrics[2] == ["2", "0.400000", "0.900000", "0.500000", "0.950000", "0.001", "0.2500", "1200.0"])
        let confusion = try folder.confusion()
        #expect(confusion == SampleReport.predictions().confusion)
        #expect(confusion.joined().reduce(0, +) == SampleReport.count)
    }

    @Test func learningRatesShareOneNumberFormat() throws {
        var history = TrainingHistory(stepsPerEpoch: 1, plannedEpochs: 2)
        for (epoch, rate) in [(1, 0.000736), (2, 1e-9)] {
            history.record(
                .init(
                    epoch: epoch, trainingLoss: 1, trainingAccuracy: 0.5, validationLoss: nil, validationAccuracy: nil,
                    learningRate: rate, seconds: 1, samplesPerSecond: 100))
        }
        let (_, folder) = try SampleReport.written(SampleReport.contents(history: history))
        #expect(folder.html.contains("<td class=\"num\">7.36e-04</td>"), "\(folder.html)")
        #expect(folder.html.contains("<td class=\"num\">1.00e-09</td>"))
    }

    @Test func settingsAreEscaped() throws {
        let contents = SampleReport.contents(settings: [.init("data", #"/tmp/<b>"x" & y</b>"#)])
        let (_, folder) = try SampleReport.written(contents)
        #expect(folder.html.contains("/tmp/&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"))
        #expect(!folder.html.contains("<b>"))
    }

    @Test func aSavedModelsReportHasNoLearningCurves() throws {
        let (files, folder) = try SampleReport.written(SampleReport.contents(history: nil))
        #expect(Set(files) == Set(ReportDirectory.commonFiles + ["mistakes.png"]))
        #expect(!folder.html.contains("Learning curves"))
        #expect(
            folder.references.allSatisfy {
                FileManager.default.fileExists(atPath: folder.url.appendingPathComponent($0).path)
            })
    }

    @Test func noMistakesMeansNoMistakeSheet() throws {
        let (files, folder) = try SampleReport.written(SampleReport.contents(allCorrect: true))
        #expect(!files.contains("mistakes.png"))
        #expect(folder.html.contains("classified every test image correctly"))
    }
}

@Suite struct ReportDirectoryTests {
    @Test func aFolderUnderARegularFileIsRefusedByName() throws {
        let file = Fixtures.temporaryDirectory("report").appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: ReportError.pathThroughFile(folder: file.path + "/sub/report", file: file.path)) {
            try ReportDirectory(preparing: file.appendingPathComponent("sub/report"))
        }
        #expect(throws: ReportError.pathThroughFile(folder: file.path, file: file.path)) {
            try ReportDirectory(preparing: file)
        }
        let message = ReportError.pathThroughFile(folder: "/a/b", file: "/a").description
        #expect(
            message == "cannot write the report to /a/b: /a is a file, not a folder. Choose another --report folder.")
    }

    @Test func aFolderThatCannotBeCreatedSaysWhy() throws {
        // Not even root can create folders in /proc.
        do {
            _ = try ReportDirectory(preparing: URL(fileURLWithPath: "/proc/mnist-report"))
            Issue.record("expected an error")
        } catch {
            guard case let .cannotCreate(folder, reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(folder == "/proc/mnist-report" && !reason.isEmpty)
        }
    }

    @Test func preparingCreatesParentsAndLeavesNothingBehind() throws {
        let url = Fixtures.temporaryDirectory("report").appendingPathComponent("a/b/c")
        let directory = try ReportDirectory(preparing: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        try directory.write("hello", to: "note.txt")
        #expect(try String(contentsOf: directory.file("note.txt"), encoding: .utf8) == "hello")
    }
}

@Suite struct TileSheetTests {
    @Test func tilesLandAtTheirOriginsEnlarged() {
        var sheet = TileSheet(tileSize: 2, scale: 3, columns: 2, count: 3)
        #expect(
            sheet.image.width == 18 && sheet.image.height == 18,
            "two 6-pixel tiles and three 2-pixel gaps across and down")
        #expect(sheet.origin(of: 0) == (2, 2) && sheet.origin(of: 1) == (10, 2) && sheet.origin(of: 2) == (2, 10))
        let red = Color(hex: 0xFF0000)
        let blue = Color(hex: 0x0000FF)
        sheet.draw(tile: 2, [red, blue, blue, red])
        func color(_ x: Int, _ y: Int) -> Color {
            Color(
                red: sheet.image[x: x, y: y, channel: 0], green: sheet.image[x: x, y: y, channel: 1],
                blue: sheet.image[x: x, y: y, channel: 2])
        }
        #expect(
            color(2, 10) == red && color(4, 12) == red && color(5, 10) == blue && color(2, 13) == blue
                && color(7, 15) == red)
        #expect(
            color(8, 10) == TileSheet.gapColor && color(2, 16) == TileSheet.gapColor
                && color(12, 12) == TileSheet.gapColor)
    }
}
