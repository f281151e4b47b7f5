import Foundation
import TestSupport
import Testing

/// What `mnist train` says before it trains: the batch size checked against the training set,
/// and a startup line for people, with the BLAS library's build only when asked.
@Suite struct TrainStartTests {
    static func train(_ flags: [String]) throws -> ProcessResult? {
        guard let mirror = Fixtures.sharedMNIST else { return nil }
        return try CLI.run(
            ["train", "--data", mirror.path, "--limit", "100", "--validation", "0", "--epochs", "1", "--hidden", "16"]
                + flags)
    }

    @Test func batchLargerThanTheTrainingSetIsRefused() throws {
        guard let refused = try Self.train(["--batch-size", "101"]) else {
            return print("skipping: no ../shared/mnist")
        }
        #expect(refused.status == 1)
        #expect(
            refused.error
                == "Error: --batch-size 101 is larger than the training set, 100 images (after --limit and --validation); use --batch-size 100 or less.\n"
        )
        #expect(!refused.output.contains("epoch 1/1"), "refused before training")

        let whole = try #require(try Self.train(["--batch-size", "100"]))
        #expect(whole.status == 0, "a batch of the whole training set is allowed: \(whole.error)")
    }

    @Test func startupLineIsShortUnlessVerbose() throws {
        guard let plain = try Self.train([]) else { return print("skipping: no ../shared/mnist") }
        let verbose = try #require(try Self.train(["--verbose"]))
        let modelLine = { (result: ProcessResult) in result.lines.first { $0.hasPrefix("model ") } ?? "" }
        #expect(plain.status == 0 && verbose.status == 0)
        #expect(
            modelLine(plain).wholeMatch(of: /model 784-16-10 MLP, 12,730 parameters; kernel (blas|swift), threads .+/)
                != nil, "\(modelLine(plain))")
        #expect(!modelLine(plain).contains("OpenBLAS"), "\(modelLine(plain))")
        #if OpenBLAS
        #expect(modelLine(verbose).hasPrefix(modelLine(plain) + " (OpenBLAS "), "\(modelLine(verbose))")
        #else
        #expect(modelLine(verbose) == modelLine(plain))
        #endif
    }
}
