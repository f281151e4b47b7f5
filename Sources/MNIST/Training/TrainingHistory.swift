import NeuralNet

/// What happened during a training run, step by step and epoch by epoch, as the report and
/// the page draw it. A `TrainingSession` records every batch's loss and every epoch; the
/// planned steps and epochs are reserved up front, so that recording never allocates.
public struct TrainingHistory: Sendable {
    /// One epoch's figures.
    public struct Epoch: Sendable {
        public var epoch: Int
        /// Mean loss and accuracy over the epoch's training batches.
        public var trainingLoss: Double
        public var trainingAccuracy: Double
        /// Measured on the held-out images after the epoch, if there are any.
        public var validationLoss: Double?
        public var validationAccuracy: Double?
        /// The learning rate of the epoch's last step.
        public var learningRate: Double
        public var seconds: Double
        public var samplesPerSecond: Double

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
    public private(set) var epochs: [Epoch] = []

    public init(stepsPerEpoch: Int, plannedEpochs: Int) {
        precondition(stepsPerEpoch > 0, "an epoch has at least one step")
        self.stepsPerEpoch = stepsPerEpoch
        self.plannedEpochs = plannedEpochs
        stepLosses.reserveCapacity(stepsPerEpoch * plannedEpochs)
        epochs.reserveCapacity(plannedEpochs)
    }

    public mutating func record(stepLoss: Double) { stepLosses.append(Float(stepLoss)) }

    public mutating func record(_ epoch: Epoch) { epochs.append(epoch) }

    /// Whether validation figures were measured.
    public var hasValidation: Bool { epochs.contains { $0.validationAccuracy != nil } }

    /// Mean wall time of an epoch's training passes, and mean throughput.
    public var meanSecondsPerEpoch: Double {
        epochs.isEmpty ? 0 : epochs.map(\.seconds).reduce(0, +) / Double(epochs.count)
    }
    public var meanSamplesPerSecond: Double {
        epochs.isEmpty ? 0 : epochs.map(\.samplesPerSecond).reduce(0, +) / Double(epochs.count)
    }
}
