import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import MNISTCommand

/// Every error the tool prints starts `Error: `, as the argument parser's do, and file errors
/// are in plain words, without Foundation's "The operation could not be completed".
@Suite struct ErrorStyleTests {
    @Test func parserErrorsAndOurOwnShareOnePrefix() throws {
        let parser = try CLI.run(["train", "--no-such-flag"])
        let ours = try CLI.run(["predict", "--model", "/nonexistent/m.safetensors", "x.png"])
        #expect(parser.error.hasPrefix("Error: "), "\(parser.error)")
        #expect(ours.error.hasPrefix("Error: "), "\(ours.error)")
    }

    /// Foundation's errors that reach the top of a command, such as a program bench cannot
    /// start, print as the tool's own errors, not as NSError dumps; other errors are untouched.
    @Test func foundationErrorsThatEndACommandAreWorded() throws {
        let missing = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileNoSuchFile.rawValue,
            userInfo: [
                NSFilePathErrorKey: "/tmp/mnist", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: 2),
            ])
        #expect(MNISTCommand.message(for: TopLevelError.worded(missing)) == "/tmp/mnist: no such file")
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/out.json"])
        #expect(MNISTCommand.message(for: TopLevelError.worded(denied)) == "/out.json: permission denied")
        let ours = CommandError("a batch of 64 is larger than the 16 training images; use 16 or less.")
        #expect(MNISTCommand.message(for: TopLevelError.worded(ours)) == ours.description)
        #expect(TopLevelError.worded(ValidationError("--epochs must be at least 1")) is ValidationError)
    }

    @Test func missingImageIsReportedInPlainWords() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("missing-image")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.safetensors")
        let training = try CLI.run([
            "train", "--data", mirror.path, "--limit", "500", "--validation", "0", "--epochs", "1", "--hidden", "16",
            "--threads", "1", "--save", model.path,
        ])
        #expect(training.status == 0, "\(training.error)")
        let missing = folder.appendingPathComponent("missing.png").path
        let result = try CLI.run(["predict", "--model", model.path, missing, folder.path])
        #expect(result.status == 1)
        #expect(
            result.error.split(separator: "\n") == [
                "Error: \(missing): no such file", "Error: \(folder.path): it is a folder",
                "2 of 2 images could not be recognized.",
            ], "\(result.error)")
    }
}
