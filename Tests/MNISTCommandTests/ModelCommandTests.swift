import Foundation
import TestSupport
import Testing

/// `train --save`, `train --resume` and `evaluate`, on a small model trained briefly.
@Suite struct ModelCommandTests {
    static let quick = ["--limit", "2000", "--validation", "500", "--epochs", "1", "--threads", "1"]

    @Test func savedModelEvaluatesToTheSameAccuracyAndResumes() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("models")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("small.safetensors").path

        let train = try CLI.run(["train", "--data", mirror.path, "--hidden", "32"] + Self.quick + ["--save", model])
        #expect(train.status == 0, "\(train.error)")
        #expect(train.lines.contains("saved the model to \(model)"))
        let trainAccuracy = try #require(train.lines.last)
        #expect(trainAccuracy.hasPrefix("test accuracy: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["small.safetensors"])

        let json = folder.appendingPathComponent("evaluation.json")
        let evaluate = try CLI.run([
            "evaluate", "--model", model, "--data", mirror.path, "--threads", "1", "--json", json.path,
        ])
        #expect(evaluate.status == 0, "\(evaluate.error)")
        print(evaluate.output)
        #expect(evaluate.lines.last == trainAccuracy, "the saved model scores what the trained one did")
        #expect(
            evaluate.lines[0].hasPrefix("model \(model): 784-32-10 MLP, 25,450 parameters, 1 epoch, test accuracy "))

        // The confusion matrix: a header of digits, then one row per true digit whose
        // cells add up to that digit's image count in the per-class table.
        let header = try #require(
            evaluate.lines.firstIndex { $0.hasPrefix("confusion matrix (rows: true digit, columns: predicted digit)") })
        let digitHeader: [Substring] = (0...9).map { Substring(String($0)) }
        #expect(evaluate.lines[header + 1].split(separator: " ") == digitHeader)
        let rows: [[Int]] = evaluate.lines[(header + 2)...(header + 11)].map { line in
            line.split(separator: " ").compactMap { Int($0) }
        }
        let firstColumn: [Int?] = rows.map(\.first)
        #expect(firstColumn == Array(0...9))
        #expect(Set(evaluate.lines[(header + 2)...(header + 11)].map(\.count)).count == 1, "rows are aligned")
        let perClass = try #require(evaluate.lines.firstIndex(of: "digit  precision   recall  images"))
        for digit in 0...9 {
            let fields = evaluate.lines[perClass + 1 + digit].split(separator: " ")
            #expect(fields.first == Substring(String(digit)))
            #expect(Int(fields.last!.replacing(",", with: "")) == rows[digit].dropFirst().reduce(0, +))
        }

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let confusion = try #require(results["confusion"] as? [[Int]])
        #expect(confusion == rows.map { Array($0.dropFirst()) })
        #expect(results["images"] as? Int == 10_000)
        let accuracy = try #require(results["accuracy"] as? Double)
        #expect(trainAccuracy == "test accuracy: \(String(format: "%.2f", accuracy * 100))%")
        let digits = try #require(results["digits"] as? [[String: Any]])
        #expect(digits.count == 10)
        #expect(digits.allSatisfy { ($0["precision"] as? Double).map { (0...1).contains($0) } ?? false })
        // The forward passes' time: the one printed, and the rate it gives for 10,000 images.
        let seconds = try #require(results["seconds"] as? Double)
        let rate = try #require(results["images_per_second"] as? Double)
        #expect(seconds > 0 && seconds.isFinite)
        #expect(abs(rate * seconds - 10_000) < 1e-6 * 10_000)
        #expect(evaluate.output.contains(" in \(String(format: "%.2f", seconds)) s, mean loss "))

        let stdoutJSON = try CLI.run([
            "evaluate", "--model", model, "--data", mirror.path, "--threads", "1", "--json", "-",
        ])
        let printed = try #require(
            try JSONSerialization.jsonObject(with: Data(stdoutJSON.output.utf8)) as? [String: Any])
        #expect(printed["confusion"] as? [[Int]] == confusion, "--json - prints only the JSON")

        let resumed = folder.appendingPathComponent("resumed.safetensors").path
        let resume = try CLI.run(["train", "--data", mirror.path, "--resume", model, "--save", resumed] + Self.quick)
        #expect(resume.status == 0, "\(resume.error)")
        #expect(resume.output.contains("resuming \(model): 784-32-10 MLP"))
        #expect(resume.output.contains("model 784-32-10 MLP"), "the architecture comes from the file")
        let metadata = try Self.metadata(of: resumed)
        #expect(metadata["epochs"] == "2", "the epochs of both runs")
        #expect(metadata["architecture"] == "784-32-10")
        #expect(metadata["training_images"] == "2000")
        #expect(metadata["optimizer"] == "sgd" && metadata["lr"] == "0.03")
        let recorded = try #require(metadata["test_accuracy"].flatMap { Double($0) })
        #expect(
            resume.lines.last == "test accuracy: \(String(format: "%.2f", recorded * 100))%",
            "the file records the run's accuracy")

        let conflict = try CLI.run(["train", "--data", mirror.path, "--resume", model, "--hidden", "64"])
        #expect(conflict.status == 1)
        #expect(
            conflict.error.contains("--hidden 64 conflicts with the model in \(model), whose hidden layers are 32"),
            "\(conflict.error)")
    }

    /// The `__metadata__` of a safetensors file, read by hand.
    static func metadata(of path: String) throws -> [String: String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let header = try JSONSerialization.jsonObject(with: bytes[8..<8 + length]) as? [String: Any]
        return try #require(header?["__metadata__"] as? [String: String])
    }

    /// Bad model paths and files, each with a phrase the error must contain.
    @Test func badModelFilesAreNamedWithTheProblem() throws {
        let folder = Fixtures.temporaryDirectory("bad-models")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.safetensors")
        try Data("not a model at all".utf8).write(to: text)
        let missing = folder.appendingPathComponent("missing.safetensors").path
        let cases: [([String], String)] = [
            (
                ["evaluate", "--model", missing],
                "--model \(missing): no such file. Train a model with `mnist train --save \(missing)` first."
            ),
            (["evaluate", "--model", folder.path], "--model \(folder.path) is a folder"),
            (
                ["evaluate", "--model", text.path],
                "\(text.path) is not a valid safetensors file: its header length is "
            ),
            (["train", "--resume", text.path], "\(text.path) is not a valid safetensors file"),
            (["train", "--resume", missing], "--resume \(missing): no such file"),
            (["evaluate"], "Missing expected argument '--model <file>'"),
        ]
        for (arguments, phrase) in cases {
            let result = try CLI.run(arguments + ["--data", "/nonexistent"])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(phrase), "\(arguments): \(result.error)")
            #expect(!result.error.contains("does not exist"), "the model is checked before the data is read")
        }
    }

    @Test func saveToAMissingFolderOrAFolderFailsBeforeTraining() throws {
        let result = try CLI.run(["train", "--data", "/nonexistent", "--save", "/nonexistent/folder/model.safetensors"])
        #expect(result.status != 0)
        #expect(
            result.error.contains(
                "--save /nonexistent/folder/model.safetensors: the folder /nonexistent/folder does not exist."),
            "\(result.error)")

        let folder = Fixtures.temporaryDirectory("save-folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        let onFolder = try CLI.run(["train", "--data", "/nonexistent", "--save", folder.path])
        #expect(onFolder.status != 0)
        #expect(
            onFolder.error.contains(
                "--save \(folder.path) is a folder; give a file name such as \(folder.path)/model.safetensors."),
            "\(onFolder.error)")
    }
}
