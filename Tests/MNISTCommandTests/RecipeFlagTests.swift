import Foundation
import TestSupport
import Testing

extension TrainFlagTests {
    /// Nonsense flags of a training recipe (optimizer, schedule, dropout, label smoothing),
    /// each with a phrase the error must contain; `rejectsNonsenseBeforeDoingAnyWork` runs them.
    static let recipeNonsense: [([String], String)] = [
        (["--optimizer", "rmsprop"], "unknown optimizer 'rmsprop'; choose sgd, nesterov, adam, adamw"),
        (
            ["--optimizer", "adam", "--momentum", "0.9"],
            "--momentum applies to sgd and nesterov; adam's momentum is --beta1"
        ),
        (["--beta1", "0.8"], "--beta1 and --beta2 apply to adam and adamw; sgd uses --momentum"),
        (["--optimizer", "adamw", "--beta2", "1"], "--beta2 must be at least 0 and below 1"),
        (["--optimizer", "adam", "--beta1", "-0.1"], "--beta1 must be at least 0 and below 1"),
        (["--optimizer", "nesterov", "--momentum", "0"], "--optimizer nesterov needs a positive --momentum"),
        (["--optimizer", "adamw", "--lr", "1", "--weight-decay", "1"], "must stay below 1"),
        (["--weight-decay", "-1"], "--weight-decay must be 0 or positive"),
        (["--schedule", "linear"], "Please provide one of 'constant', 'cosine', 'step' or 'onecycle'"),
        (["--step-epochs", "3"], "--step-epochs and --step-factor apply to --schedule step (the schedule is cosine)"),
        (
            ["--schedule", "onecycle", "--step-factor", "0.5"],
            "--step-epochs and --step-factor apply to --schedule step"
        ),
        (["--schedule", "step", "--step-factor", "1"], "--step-factor must be above 0 and below 1"),
        (["--schedule", "step", "--step-epochs", "0"], "--step-epochs must be at least 1"),
        (["--warmup-epochs", "10.5"], "--warmup-epochs must not be longer than the run (got 10.5 of 10 epochs)"),
        (
            ["--schedule", "onecycle", "--epochs", "2", "--warmup-epochs", "2.5"],
            "--warmup-epochs must not be longer than the run"
        ),
        (
            ["--schedule", "step", "--step-epochs", "2", "--warmup-epochs", "3"],
            "--warmup-epochs must not outlast the first step"
        ),
        (["--warmup-epochs", "-1"], "--warmup-epochs must be 0 or more"),
        (["--dropout", "1"], "--dropout must be at least 0 and below 1"),
        (["--dropout", "-0.1"], "--dropout must be at least 0 and below 1"),
        (["--label-smoothing", "1"], "--label-smoothing must be at least 0 and below 1"),
        (["--label-smoothing", "nan"], "--label-smoothing must be at least 0 and below 1"),
        (["--first-layer", "fast"], "Please provide one of 'dense', 'sparse' or 'auto'"),
    ]
}

/// The flags of a training recipe: optimizer, schedule, dropout and label smoothing.
@Suite struct RecipeFlagTests {
    /// One short epoch with each optimizer, schedule and regularization; the startup line
    /// names them.
    static let startupLines: [([String], String)] = [
        ([], "SGD lr 0.03 (cosine) momentum 0.9 weight decay 0.0001, batch 64"),
        (
            ["--optimizer", "nesterov", "--schedule", "step", "--step-epochs", "1"],
            "SGD lr 0.03 (step ×0.1 every 1 epoch) Nesterov momentum 0.9 weight decay 0.0001, batch 64"
        ),
        (
            ["--optimizer", "adam", "--schedule", "constant"],
            "Adam lr 0.001 (constant) betas 0.9, 0.999 weight decay 0.0001, batch 64"
        ),
        (
            ["--optimizer", "adamw", "--schedule", "onecycle"],
            "AdamW lr 0.001 (onecycle, warm-up 0.3 epochs) betas 0.9, 0.999 decoupled weight decay 0.01, batch 64"
        ),
        (
            ["--warmup-epochs", "0.25", "--beta1", "0.8", "--optimizer", "adam"],
            "Adam lr 0.001 (cosine, warm-up 0.25 epochs) betas 0.8, 0.999 weight decay 0.0001, batch 64"
        ),
        (
            ["--dropout", "0.2", "--label-smoothing", "0.1"],
            "SGD lr 0.03 (cosine) momentum 0.9 weight decay 0.0001, dropout 0.2, label smoothing 0.1, batch 64"
        ),
        // Each path of the first layer's products, and --verbose says which the batches took.
        (["--first-layer", "sparse", "--verbose"], "first layer sparse 100.0% of 47 batches"),
        (["--first-layer", "dense", "--verbose"], "first layer sparse 0.0% of 47 batches"),
        (["--verbose"], "first layer sparse 100.0% of 47 batches"),
    ]

    @Test(arguments: 0..<startupLines.count)
    func eachRecipeTrains(index: Int) throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let (flags, line) = Self.startupLines[index]
        let result = try CLI.run(
            [
                "train", "--data", mirror.path, "--limit", "3000", "--validation", "500", "--epochs", "1", "--threads",
                "1",
            ] + flags)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains(line), "\(result.output)")
        let last = try #require(result.lines.last)
        let match = try #require(last.wholeMatch(of: /test accuracy: (\d{1,3}\.\d\d)%/))
        #expect(try #require(Double(match.1)) >= 70, "\(flags): \(last)")
    }
}
