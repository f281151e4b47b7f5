import NeuralNet

/// What happened during a training run, step by step and epoch by epoch, as the report and
/// the page draw it. A `TrainingSession` records every batch's loss and every epoch; the
/// planned steps and epochs are reserved up front, so that recording never allocates.
public struct TrainingHistory: Sendable {
    /// One epoch's figures.
    public struct Epoch: Sendable {
        /// The epoch's number within this run, counted from 1 (a resumed run starts again at 1).
        public var epoch: Int
        /// Mean cross-entropy loss over the epoch's training batches.
        public var trainingLoss: Double
        /// Fraction of the epoch's training images classified correctly as they were trained on, in [0, 1].
        public var trainingAccuracy: Double
        /// Mean cross-entropy loss on the held-out images after the epoch; nil without validation images.
        public var validationLoss: Double?
        /// Fraction of the held-out images classified correctly after the epoch, in [0, 1]; nil without
        /// validation images.
        public var validationAccuracy: Double?
        /// The learning rate of the epoch's last step.
        public var learningRate: Double
        /// Wall time of the epoch's training passes in seconds, validation not included.
        public var seconds: Double
        /// Training throughput: images trained on per second of `seconds`.
        public var samplesPerSecond: Double

        /// An epoch's figures given one by one; accuracies are fractions in [0, 1], the validation
        /// figures nil when nothing was held out.
        public init(
            epoch: Int, trainingLoss: Double, trainingAccuracy: Double, validationLoss: Double?,
            validationAccuracy: Double?,
            learningRate: Double, seconds: Double, samplesPerSecond: Double
        ) {
            self.epoch = epoch
            self.trainingLoss = trainingLoss
            self.trainingAccuracy = trainingAccuracy
            self.validationLoss = validationLoss
            self.validationAccuracy = validationAccuracy
            self.learningRate = learningRate
            self.seconds = seconds
            self.samplesPerSecond = samplesPerSecond
        }

        /// The figures of the trainer's epoch summary and of the validation that followed it.
        public init(_ summary: EpochSummary, validation: Evaluation?, learningRate: Float) {
            self.init(
                epoch: summary.epoch, trainingLoss: summary.meanLoss, trainingAccuracy: summary.accuracy,
                validationLoss: validation?.meanLoss, validationAccuracy: validation?.accuracy,
                learningRate: Double(learningRate), seconds: summary.seconds, samplesPerSecond: summary.samplesPerSecond
            )
        }
    }

    /// Training batches per epoch, which turns a step number into a fraction of an epoch.
    public let stepsPerEpoch: Int
    /// The epochs the run means to train, which the charts' epoch axis covers from the start.
    public let plannedEpochs: Int
    /// The mean loss of every training batch, in order.
    public private(set) var stepLosses: [Float] = []
    /// Every finished epoch's figures, in order.
    public private(set) var epochs: [Epoch] = []

    /// An empty history with room reserved for `plannedEpochs` epochs of `stepsPerEpoch` (at least 1)
    /// batches each.
    public init(stepsPerEpoch: Int, plannedEpochs: Int) {
        precondition(stepsPerEpoch > 0, "an epoch has at least one step")
        self.stepsPerEpoch = stepsPerEpoch
        self.plannedEpochs = plannedEpochs
        stepLosses.reserveCapacity(stepsPerEpoch * plannedEpochs)
        epochs.reserveCapacity(plannedEpochs)
    }

    /// Appends one training batch's mean loss to `stepLosses` (stored as `Float`).
    public mutating func record(stepLoss: Double) { stepLosses.append(Float(stepLoss)) }

    /// Appends a finished epoch's figures to `epochs`.
    public mutating func record(_ epoch: Epoch) { epochs.append(epoch) }

    /// Whether validation figures were measured.
    public var hasValidation: Bool { epochs.contains { $0.validationAccuracy != nil } }

    /// Mean wall time of an epoch's training passes, in seconds; 0 before the first epoch.
    public var meanSecondsPerEpoch: Double {
        epochs.isEmpty ? 0 : epochs.map(\.seconds).reduce(0, +) / Double(epochs.count)
    }
    /// Mean of the epochs' training throughputs, in images per second; 0 before the first epoch.
    public var meanSamplesPerSecond: Double {
        epochs.isEmpty ? 0 : epochs.map(\.samplesPerSecond).reduce(0, +) / Double(epochs.count)
    }
}
