import Foundation
import TestSupport
import Testing

/// A numeric option given a negative number gets the option's own check ("must be at least
/// 1 (got -1)"), not the parser's "Missing value", whether written `--flag -1` or `--flag=-1`.
@Suite struct NegativeNumberTests {
    /// Every numeric option of every command, with a phrase of the message it must give.
    static let cases: [(command: [String], flag: String, phrase: String)] = [
        (["train"], "--epochs", "--epochs must be at least 1 (got -1)"),
        (["train"], "--batch-size", "--batch-size must be at least 1 (got -1)"),
        (["train"], "--limit", "--limit must be at least 1 image (got -1)"),
        (["train"], "--validation", "--validation must be 0 or more images (got -1)"),
        (["train"], "--hidden", "--hidden must list positive layer widths such as 128,64 (got -1)"),
        (["train"], "--lr", "--lr must be a positive number such as 0.05 (got -1.0)"),
        (["train"], "--warmup-epochs", "--warmup-epochs must be 0 or more (got -1.0)"),
        (["train", "--schedule", "step"], "--step-epochs", "--step-epochs must be at least 1 (got -1)"),
        (["train", "--schedule", "step"], "--step-factor", "--step-factor must be above 0 and below 1"),
        (["train"], "--momentum", "--momentum must be at least 0 and below 1 (got -1.0)"),
        (["train", "--optimizer", "adam"], "--beta1", "--beta1 must be at least 0 and below 1 (got -1.0)"),
        (["train", "--optimizer", "adam"], "--beta2", "--beta2 must be at least 0 and below 1 (got -1.0)"),
        (["train"], "--weight-decay", "--weight-decay must be 0 or positive (got -1.0)"),
        (["train"], "--dropout", "--dropout must be at least 0 and below 1"),
        (["train"], "--label-smoothing", "--label-smoothing must be at least 0 and below 1"),
        (["train"], "--seed", "The value '-1' is invalid for '--seed <seed>'"),
        (["train"], "--std", "--std must be positive (got -1.0)"),
        (["train"], "--threads", "--threads must be a whole number of at least 1, or auto (got '-1')"),
        (
            ["evaluate", "--model", "/nonexistent/m.safetensors"], "--limit",
            "--limit must be at least 1 image (got -1)"
        ),
        (["evaluate", "--model", "/nonexistent/m.safetensors"], "--threads", "--threads must be a whole number"),
        (["bench"], "--epochs", "--epochs must be at least 1 (got -1)"),
        (["bench"], "--limit", "--limit must be at least 1 image (got -1)"),
        (["bench"], "--batches", "--batches must list positive whole numbers"),
        (["bench"], "--shape-batches", "--shape-batches must list positive whole numbers"),
        (
            ["bench"], "--contention-batches",
            "--contention-batches must list positive whole numbers such as 64,256, or 0"
        ),
        (["bench"], "--threads", "--threads must be a whole number of at least 1, or auto (got '-1')"),
        (["spin"], "--seconds", "--seconds must be from 0 to 86400 (got -1.0)"),
        (["serve", "--model", "/nonexistent/m.safetensors"], "--port", "--port must be 0 to 65535, not -1"),
    ]

    @Test(arguments: 0..<cases.count)
    func negativeValueReachesTheOptionsOwnCheck(index: Int) throws {
        let (command, flag, phrase) = Self.cases[index]
        for spelling in [[flag, "-1"], ["\(flag)=-1"]] {
            let result = try CLI.run(command + spelling)
            #expect(result.status == 64, "\(command + spelling): \(result.error)")
            #expect(result.error.contains(phrase), "\(command + spelling): \(result.error)")
            #expect(!result.error.contains("Missing value"), "\(command + spelling): \(result.error)")
        }
    }
}
