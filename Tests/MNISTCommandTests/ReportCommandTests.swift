import Foundation
import Images
import TestSupport
import Testing

@Suite struct TrainReportTests {
    /// A short run that writes a report; the folder is new for every call.
    func trainWithReport() throws -> (result: ProcessResult, folder: URL)? {
        guard let mirror = Fixtures.sharedMNIST else {
            print("skipping: no ../shared/mnist")
            return nil
        }
        let folder = Fixtures.temporaryDirectory("train-report").appendingPathComponent("report")
        let result = try CLI.run([
            "train", "--data", mirror.path, "--limit", "2000", "--validation", "500", "--epochs", "2", "--hidden", "32",
            "--threads", "1", "--report", folder.path,
        ])
        return (result, folder)
    }

    @Test func shortRunWritesACompleteReport() throws {
        guard let (result, url) = try trainWithReport() else { return }
        #expect(result.status == 0, "\(result.error)")
        #expect(result.lines.contains("report: \(url.path)/index.html"))
        #expect(result.lines.last?.hasPrefix("test accuracy: ") == true)

        let folder = try ReportFolder(url)
        let references = folder.references
        for name in [
            "loss.svg", "accuracy.svg", "confusion.svg", "metrics.csv", "confusion.csv", "mistakes.png",
            "first-layer.png", "samples.png",
        ] {
            #expect(references.contains(name), "index.html links \(name)")
        }
        for reference in references {
            #expect(
                FileManager.default.fileExists(atPath: url.appendingPathComponent(reference).path),
                "\(reference) is missing")
        }
        for svg in references where svg.hasSuffix(".svg") {
            #expect(throws: Never.self, "\(svg) is well-formed XML") { try folder.svg(svg) }
        }
        // The page works without the network: nothing is loaded from elsewhere.
        #expect(folder.html.firstMatch(of: #/(src|href)="[a-z]+:|url\([a-z]+:|@import|<script/#) == nil)

        // 64 mistakes and 32 hidden units eight to a row, twelve samples of each of ten digits.
        #expect(try folder.pngSize("mistakes.png") == ReportFolder.sheetSize(columns: 8, rows: 8))
        #expect(try folder.pngSize("first-layer.png") == ReportFolder.sheetSize(columns: 8, rows: 4))
        #expect(try folder.pngSize("samples.png") == ReportFolder.sheetSize(columns: 12, rows: 10))
    }

    @Test func reportNumbersMatchThePrintedOnes() throws {
        guard let (result, url) = try trainWithReport() else { return }
        #expect(result.status == 0, "\(result.error)")
        let folder = try ReportFolder(url)

        // The confusion matrix covers the whole test set and agrees with the per-class lines
        // and the test accuracy that `train` prints.
        let confusion = try folder.confusion()
        #expect(confusion.count == 10 && confusion.allSatisfy { $0.count == 10 })
        #expect(confusion.joined().reduce(0, +) == 10_000)
        let correct = (0..<10).reduce(0) { $0 + confusion[$1][$1] }
        #expect(result.lines.last == "test accuracy: " + String(format: "%.2f%%", Double(correct) / 100))
        for digit in 0..<10 {
            let total = confusion[digit].reduce(0, +)
            let line =
                "  \(digit): " + String(format: "%.2f%%", Double(confusion[digit][digit]) / Double(total) * 100)
                + " of " + total.formatted(.number.locale(Locale(identifier: "en_US")))
            #expect(result.lines.contains(line), "\(line)")
        }
        let cellTexts = try folder.svgTexts("confusion.svg")
        for row in confusion { for count in row { #expect(cellTexts.contains(String(count))) } }

        // metrics.csv has one row per epoch with the printed loss and accuracies.
        let metrics = try folder.csv("metrics.csv")
        #expect(metrics.count == 3)
        for row in metrics.dropFirst() {
            let loss = try #require(Double(row[1]))
            let training = try #require(Double(row[2]))
            let validation = try #require(Double(row[4]))
            let printed =
                "epoch \(row[0])/2  loss \(String(format: "%.4f", loss))  train \(String(format: "%.2f%%", training * 100))  val \(String(format: "%.2f%%", validation * 100))"
            #expect(result.lines.contains { $0.hasPrefix(printed) }, "\(printed)")
        }
    }

    @Test func savedModelsReportMatchesEvaluate() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("evaluate-report")
        let model = folder.appendingPathComponent("model.safetensors").path
        let trainReport = folder.appendingPathComponent("train-report")
        let modelReport = folder.appendingPathComponent("model-report")
        let train = try CLI.run([
            "train", "--data", mirror.path, "--limit", "2000", "--validation", "0", "--epochs", "1", "--hidden", "16",
            "--threads", "1", "--save", model, "--report", trainReport.path,
        ])
        #expect(train.status == 0, "\(train.error)")
        let json = folder.appendingPathComponent("evaluation.json")
        let evaluate = try CLI.run([
            "evaluate", "--model", model, "--data", mirror.path, "--threads", "1", "--json", json.path, "--report",
            modelReport.path,
        ])
        #expect(evaluate.status == 0, "\(evaluate.error)")
        #expect(evaluate.lines.contains("report: \(modelReport.path)/index.html"))
        #expect(evaluate.lines.last == train.lines.last, "same model, same test accuracy")

        // The report's confusion matrix is the one `evaluate` measures, and the training run's.
        let evaluation = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let confusion = try #require(evaluation["confusion"] as? [[Int]])
        let report = try ReportFolder(modelReport)
        #expect(try report.confusion() == confusion)
        #expect(try ReportFolder(trainReport).confusion() == confusion)
        #expect(confusion.joined().reduce(0, +) == 10_000)

        // A saved model has no training history: no learning curves, no metrics.csv.
        #expect(report.html.contains("MNIST model report") && !report.html.contains("Learning curves"))
        #expect(!report.references.contains("metrics.csv") && !report.references.contains("loss.svg"))
        for reference in report.references {
            #expect(
                FileManager.default.fileExists(atPath: modelReport.appendingPathComponent(reference).path),
                "\(reference)")
        }
        #expect(
            try report.pngSize("first-layer.png") == ReportFolder.sheetSize(columns: 8, rows: 2),
            "16 hidden units, 8 to a row")

        // --json - keeps standard output pure JSON, and still writes the report.
        let again = folder.appendingPathComponent("again")
        let quiet = try CLI.run([
            "evaluate", "--model", model, "--data", mirror.path, "--threads", "1", "--json", "-", "--report",
            again.path,
        ])
        #expect(quiet.status == 0, "\(quiet.error)")
        #expect(
            (try? JSONSerialization.jsonObject(with: Data(quiet.output.utf8))) != nil, "\(quiet.output.prefix(200))")
        #expect(try ReportFolder(again).confusion() == confusion)
    }

    @Test func evaluateChecksTheReportFolderFirst() throws {
        let file = Fixtures.temporaryDirectory("evaluate-report").appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        let result = try CLI.run([
            "evaluate", "--model", "/nonexistent/model.safetensors", "--report", file.path + "/report",
        ])
        #expect(result.status == 1)
        #expect(result.error.contains("\(file.path) is a file, not a folder"), "\(result.error)")
        #expect(!result.error.contains("no such file"), "the report folder is checked before the model is read")
    }

    @Test func unwritableReportFolderFailsBeforeTraining() throws {
        let file = Fixtures.temporaryDirectory("train-report").appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let data = Fixtures.sharedMNIST?.path ?? "/nonexistent"
        let result = try CLI.run([
            "train", "--data", data, "--limit", "1000", "--epochs", "1", "--report", file.path + "/report",
        ])
        #expect(result.status == 1)
        #expect(
            result.error.contains(
                "cannot write the report to \(file.path)/report: \(file.path) is a file, not a folder"),
            "\(result.error)")
        #expect(result.output.isEmpty, "nothing is loaded or trained first: \(result.output)")
    }
}
