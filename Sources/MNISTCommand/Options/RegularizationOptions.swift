import ArgumentParser
import NeuralNet

/// Regularization beyond weight decay: dropout on the hidden layers and label smoothing.
struct RegularizationOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help:
            "Probability of dropping each hidden unit in training steps, at least 0 and below 1; kept units are scaled by 1/(1-p), and evaluation does not drop; 0 turns it off."
    )
    var dropout: Float = 0

    @Option(
        parsing: .unconditional,
        help:
            "Label smoothing ε, at least 0 and below 1: the training target is (1-ε)·onehot + ε/10; 0 turns it off. The training loss shown includes it; validation and test losses do not."
    )
    var labelSmoothing: Float = 0

    func validate() throws {
        guard (0..<1).contains(dropout) else {
            throw ValidationError("--dropout must be at least 0 and below 1, such as 0.2 (got \(dropout)).")
        }
        guard (0..<1).contains(labelSmoothing) else {
            throw ValidationError(
                "--label-smoothing must be at least 0 and below 1, such as 0.1 (got \(labelSmoothing)).")
        }
    }
}
