import Foundation
import TestSupport
import Testing

@Suite struct PresetTests {
    /// The test accuracy a run printed on its last line.
    func testAccuracy(_ result: ProcessResult) throws -> Double {
        let last = try #require(result.lines.last)
        let match = try #require(
            last.wholeMatch(of: /test accuracy: (\d{1,3}\.\d\d)%/), "\(result.output)\n\(result.error)")
        return try #require(Double(match.1))
    }

    @Test func presetSpellsOutItsFlagsAndFlagsGivenWin() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--hidden", "32", "--preset", "best", "--epochs", "1",
            "--limit", "300", "--validation", "100", "--threads", "1",
        ])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.lines
        #expect(lines.first?.hasPrefix("preset best: --hidden 1024,1024 ") == true, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("model 784-32-10 MLP") }, "--hidden given before --preset still wins")
        #expect(lines.contains { $0.contains("batch 128, 1 epoch, elastic augmentation") }, "\(result.output)")
    }

    /// Fashion-MNIST's `best` is its own recipe: mirrored garments, dropout and label smoothing,
    /// instead of the digits' elastic distortions.
    @Test func bestHasARecipeOfItsOwnForFashion() throws {
        guard let fashion = Fixtures.fashionMNIST else {
            return print("skipping: Fashion-MNIST is not in /usr/share/datasets/fashion-mnist")
        }
        let result = try CLI.run([
            "train", "--preset", "best", "--dataset", "fashion", "--data", fashion.path, "--hidden", "32",
            "--epochs", "1", "--limit", "300", "--threads", "1",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(
            result.lines.first
                == "preset best: --hidden 1024,1024 --epochs 50 --batch-size 128 --optimizer nesterov --lr 0.05 --schedule cosine --warmup-epochs 1 --weight-decay 1e-4 --augment affine --dropout 0.2 --label-smoothing 0.1 --validation 0",
            "\(result.output)")
        #expect(result.lines.contains { $0.contains("affine augmentation") }, "\(result.output)")
    }

    @Test func speedrunSpellsOutItsFlags() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--preset", "speedrun", "--hidden", "32", "--epochs", "1",
            "--limit", "300", "--threads", "1",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.lines.first?.hasPrefix("preset speedrun: --hidden 1024,256 ") == true, "\(result.output)")
        #expect(
            result.lines.contains { $0.contains("validating on 0; SGD lr 0.05") && $0.contains("affine augmentation") },
            "\(result.output)")
    }

    @Test func unknownPresetIsRejected() throws {
        let result = try CLI.run(["train", "--preset", "fastest"])
        #expect(result.status == 64)
        #expect(result.error.contains("'fastest' is invalid for '--preset"), "\(result.error)")
    }

    /// Two thousand images are few enough that the plain model overfits them; the preset's
    /// recipe (at a quarter of its width, to keep the test short) generalizes better in the same
    /// number of epochs.
    @Test func presetBeatsThePlainModelOnASubset() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let common = [
            "train", "--data", mirror.path, "--limit", "2000", "--validation", "0", "--epochs", "15", "--threads", "1",
        ]
        let plain = try testAccuracy(try CLI.run(common))
        let preset = try testAccuracy(
            try CLI.run(common + ["--preset", "best", "--hidden", "256,256", "--warmup-epochs", "0"]))
        print("on 2,000 training images, 15 epochs: plain \(plain)%, preset best at 256,256 \(preset)%")
        #expect(preset > plain + 1)
    }

    @Test func augmentedRunsAreReproducible() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let arguments = [
            "train", "--data", mirror.path, "--limit", "1000", "--validation", "200", "--epochs", "1", "--threads", "1",
            "--hidden", "32", "--augment",
        ]
        func accuracies(_ augmentation: String, seed: String) throws -> [String] {
            let result = try CLI.run(arguments + [augmentation, "--seed", seed])
            #expect(result.status == 0, "\(result.error)")
            return result.lines.filter { $0.contains("accuracy") || $0.hasPrefix("epoch") }
                .map { $0.replacing(#/\s+[\d.]+ s\s+[\d,]+ samples/s$/#, with: "") }
        }
        for augmentation in ["affine", "elastic"] {
            let first = try accuracies(augmentation, seed: "3")
            #expect(first == (try accuracies(augmentation, seed: "3")))
            #expect(first != (try accuracies(augmentation, seed: "4")))
        }
    }
}
