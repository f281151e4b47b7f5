import NeuralNet

/// What a `TrainingSession` reports while it trains.
public enum TrainingEvent: Sendable {
    /// After every batch: where the epoch has got to.
    case batch(EpochProgress)
    /// After every epoch: its figures and the validation that followed.
    case epoch(EpochReport)
}

/// One finished epoch of a session.
public struct EpochReport: Sendable {
    /// The epoch's training figures.
    public var summary: EpochSummary
    /// The held-out images' figures after the epoch; nil without validation images.
    public var validation: Evaluation?
    /// The learning rate of the epoch's last step.
    public var learningRate: Float

    /// A report of one epoch's training figures, its validation (nil without validation images) and last learning rate.
    public init(summary: EpochSummary, validation: Evaluation?, learningRate: Float) {
        (self.summary, self.validation, self.learningRate) = (summary, validation, learningRate)
    }
}
