import Foundation
import TestSupport
import Testing

/// `train --save-best`: the file holds the epoch with the best validation accuracy, not the last.
@Suite struct BestCheckpointTests {
    @Test func keepsTheEpochWithTheBestValidationAccuracy() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("best-checkpoint")
        defer { try? FileManager.default.removeItem(at: folder) }
        let best = folder.appendingPathComponent("best.safetensors").path
        let last = folder.appendingPathComponent("last.safetensors").path

        // 200 images and a high constant rate overfit and wobble, so the best epoch comes early.
        let train = try CLI.run([
            "train", "--data", mirror.path, "--hidden", "32", "--limit", "200", "--validation", "500",
            "--epochs", "8", "--lr", "0.1", "--schedule", "constant", "--threads", "1", "--seed", "1",
            "--save-best", best, "--save", last,
        ])
        #expect(train.status == 0, "\(train.error)")

        // Epochs are marked exactly when their validation accuracy beats every earlier one.
        let epochs = train.lines.filter { $0.hasPrefix("epoch ") }
        #expect(epochs.count == 8)
        var highest = -1.0
        var bestEpoch = 0
        for (index, line) in epochs.enumerated() {
            let validation = try #require(Self.percent(after: "val ", in: line))
            #expect(line.hasSuffix("  saved as the best") == (validation > highest), "\(line)")
            if validation > highest { (highest, bestEpoch) = (validation, index + 1) }
        }
        #expect(bestEpoch < 8, "this run's best epoch is not its last, so the file is not just the final model")

        let saved = try #require(train.lines.first { $0.hasPrefix("saved epoch ") })
        #expect(
            saved.hasPrefix(
                "saved epoch \(bestEpoch), the best by validation (\(String(format: "%.2f", highest))%), to \(best): test accuracy "
            ))
        let metadata = try ModelCommandTests.metadata(of: best)
        #expect(metadata["epochs"] == String(bestEpoch))
        #expect(
            metadata["validation_accuracy"].flatMap(Double.init).map { String(format: "%.2f", $0 * 100) }
                == String(format: "%.2f", highest))
        #expect(try ModelCommandTests.metadata(of: last)["epochs"] == "8")

        // The file's test accuracy is what `evaluate` measures, and differs from the last epoch's.
        let evaluate = try CLI.run(["evaluate", "--model", best, "--data", mirror.path, "--threads", "1"])
        #expect(evaluate.status == 0, "\(evaluate.error)")
        let bestTest = try #require(Self.percent(after: "test accuracy ", in: saved))
        #expect(evaluate.lines.last == "test accuracy: \(String(format: "%.2f", bestTest))%")
        #expect(train.lines.last != evaluate.lines.last, "the run ends with the last epoch's model's accuracy")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "best.safetensors", "last.safetensors",
            ])
    }

    @Test func refusesWithoutValidationOrOnTheSaveFile() throws {
        let cases: [([String], String)] = [
            (
                ["--save-best", "/tmp/best.safetensors", "--validation", "0"],
                "--save-best picks the epoch by its validation accuracy, so it needs --validation above 0."
            ),
            (
                ["--save-best", "/tmp/m.safetensors", "--save", "/tmp/m.safetensors"],
                "--save and --save-best name the same file, /tmp/m.safetensors"
            ),
            (
                ["--save-best", "/nonexistent/best.safetensors"],
                "--save-best /nonexistent/best.safetensors: the folder /nonexistent does not exist."
            ),
        ]
        for (arguments, phrase) in cases {
            let result = try CLI.run(["train", "--data", "/nonexistent"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(phrase), "\(arguments): \(result.error)")
        }
    }

    /// The percentage written after `label` in `line`, such as 97.5 from `val 97.50%`.
    static func percent(after label: String, in line: String) -> Double? {
        guard let range = line.range(of: label) else { return nil }
        return Double(line[range.upperBound...].prefix { $0 != "%" })
    }
}
