import Foundation

/// Trains an MLP with softmax cross-entropy: shuffle, batch, forward, loss, backward, step.
///
/// Every buffer is allocated when the trainer is created (or, for evaluation, on first use),
/// so the steady-state training step allocates nothing.
public final class Trainer {
    /// The network it trains, in place.
    public let network: MLP
    /// Updates the network's parameters after every step.
    public let optimizer: any Optimizer
    /// Runs every matrix product of training and evaluation.
    public var kernel: any GEMMKernel { pass.kernel }
    /// The examples per step (the last batch of an epoch may be short).
    public let batchSize: Int
    /// Epochs completed so far.
    public private(set) var epoch = 0
    /// Training steps taken so far.
    public private(set) var stepCount = 0
    /// How the learning rate changes over the run, and the base rate it scales.
    public let schedule: LearningRateSchedule
    /// The learning rate the schedule scales: the optimizer's rate when the trainer was made.
    public let baseLearningRate: Float
    /// The planned length of the run in steps, which the schedule spreads over.
    public let plannedSteps: Int
    /// Dropout on the hidden layers during training steps (never during evaluation).
    public let dropout: Dropout?
    /// The label smoothing ε of the training loss (evaluation reports the plain cross-entropy).
    public let labelSmoothing: Float
    /// How steps compute the first layer's products: densely, from the batch's entries that
    /// differ from its blank value, or whichever a fixed rule picks per batch (`SparseFirstLayer`).
    public var firstLayerPath: FirstLayerPath {
        get { pass.firstLayerPath }
        set { pass.firstLayerPath = newValue }
    }

    /// Whether `step` measures each layer's gradient norms, which `gradientNorms` then holds;
    /// off by default, so that a step spends nothing on them. Measured steps allocate nothing
    /// either, once the first has made the buffers the measurement needs.
    public var measuresGradientNorms = false
    /// Each layer's gradient norms in the last step that measured them, first layer first;
    /// empty until one has (see `measuresGradientNorms`).
    public var gradientNorms: [LayerGradientNorms] { gradientNormMeter?.norms ?? [] }

    let pass: BatchPass
    private lazy var evaluator = Evaluator(network: network, kernel: kernel)
    private var shuffler: RandomGenerator
    /// The epoch's shuffled order of the examples.
    private(set) var order: [Int] = []
    /// Where the last batch `trainBatch` trained lies in `order`, or nil before the first.
    private(set) var lastBatchRange: Range<Int>?
    private var epochInProgress: EpochState?
    private var gradientNormMeter: GradientNormMeter?

    /// The running totals of the epoch in progress.
    private struct EpochState {
        let batchCount: Int
        var batchesDone = 0
        var lossSum = 0.0
        var correct = 0
        var sparseBatches = 0
        let start = ContinuousClock.now
    }

    /// - Parameters:
    ///   - network: the network to train, in place.
    ///   - optimizer: updates the network's parameters after every step; its learning rate
    ///     is the base rate that `schedule` scales.
    ///   - kernel: runs every matrix product of training (and of `evaluate`).
    ///   - batchSize: examples per step.
    ///   - shuffleSeed: seeds the per-epoch reshuffling of the training set.
    ///   - schedule: how the learning rate changes from step to step.
    ///   - plannedSteps: the length of the run, over which `schedule` runs its course.
    ///   - dropout: drops hidden units in training steps.
    ///   - labelSmoothing: ε in [0, 1) for the training loss.
    ///   - firstLayerPath: how steps compute the first layer's products; `automatic` takes the
    ///     sparse ones for batches blank enough, such as MNIST's.
    public init(
        network: MLP, optimizer: any Optimizer, kernel: any GEMMKernel, batchSize: Int, shuffleSeed: UInt64,
        schedule: LearningRateSchedule = .constant, plannedSteps: Int = 0, dropout: Dropout? = nil,
        labelSmoothing: Float = 0, firstLayerPath: FirstLayerPath = .automatic
    ) {
        require(batchSize > 0, "batchSize must be at least 1, not \(batchSize)")
        require((0..<1).contains(labelSmoothing), "labelSmoothing must lie in [0, 1), not \(labelSmoothing)")
        self.dropout = dropout
        self.labelSmoothing = labelSmoothing
        self.network = network
        self.optimizer = optimizer
        self.schedule = schedule
        self.plannedSteps = plannedSteps
        baseLearningRate = optimizer.learningRate
        self.batchSize = batchSize
        pass = BatchPass(network: network, kernel: kernel, capacity: batchSize)
        shuffler = RandomGenerator(seed: shuffleSeed)
        pass.firstLayerPath = firstLayerPath
    }

    /// Trains one epoch over `data` in a fresh random order, one `trainBatch` after another;
    /// calls `progress` after every batch. Throws `TrainingError.nonFiniteLoss` as soon as the
    /// loss stops being a number, and whatever `progress` throws (to stop a run between two
    /// batches).
    public func trainEpoch(
        on data: some Dataset, progress: (EpochProgress) throws -> Void = { _ in }
    ) throws -> EpochSummary {
        require(epochInProgress == nil, "an epoch is in progress: finish it with trainBatch")
        while true {
            let batch = try trainBatch(on: data)
            try progress(batch)
            if let summary = batch.summary { return summary }
        }
    }

    /// Trains exactly one batch: the next of the epoch in progress, or the first of a new epoch
    /// in a fresh random order. Its progress carries the epoch's summary when it was the
    /// epoch's last batch. Throws `TrainingError.nonFiniteLoss` when the loss is not a number.
    public func trainBatch(on data: some Dataset) throws -> EpochProgress {
        require(data.count > 0, "data is empty: training needs at least one example")
        require(
            data.featureCount == network.inputCount,
            "data has \(data.featureCount) features, network expects \(network.inputCount)")
        var current = epochInProgress ?? startEpoch(examples: data.count)
        require(order.count == data.count, "the data changed size within an epoch")
        let first = current.batchesDone * batchSize
        let rows = min(batchSize, data.count - first)
        order.withUnsafeBufferPointer { order in
            pass.fill(from: data, indices: UnsafeBufferPointer(rebasing: order[first..<first + rows]))
        }
        lastBatchRange = first..<first + rows
        let result = step(rows: rows)
        guard result.lossSum.isFinite else {
            epochInProgress = nil
            throw TrainingError.nonFiniteLoss(epoch: epoch, batch: current.batchesDone + 1)
        }
        current.batchesDone += 1
        current.lossSum += result.lossSum
        current.correct += result.correct
        if pass.firstLayerWasSparse { current.sparseBatches += 1 }
        let seen = first + rows
        var progress = EpochProgress(
            epoch: epoch, batch: current.batchesDone, batchCount: current.batchCount,
            batchLoss: result.lossSum / Double(rows), meanLoss: current.lossSum / Double(seen),
            accuracy: Double(current.correct) / Double(seen))
        if current.batchesDone == current.batchCount {
            progress.summary = EpochSummary(
                epoch: epoch, meanLoss: progress.meanLoss, accuracy: progress.accuracy,
                seconds: (ContinuousClock.now - current.start).seconds, samples: seen, batches: current.batchCount,
                sparseFirstLayerBatches: current.sparseBatches)
            epochInProgress = nil
        } else {
            epochInProgress = current
        }
        return progress
    }

    /// Whether an epoch has batches left to train (`trainBatch` goes on with it).
    public var isInEpoch: Bool { epochInProgress != nil }

    /// Shuffles the order of a new epoch over `examples` examples and counts it.
    private func startEpoch(examples: Int) -> EpochState {
        if order.count != examples { order = Array(0..<examples) }
        order.shuffle(using: &shuffler)
        epoch += 1
        return EpochState(batchCount: Self.batchCount(examples: examples, batchSize: batchSize))
    }

    /// The batches of an epoch over `examples` examples: the last one may be short.
    public static func batchCount(examples: Int, batchSize: Int) -> Int { (examples + batchSize - 1) / batchSize }

    /// One training step on the batch last filled (`rows` examples): forward, loss, backward,
    /// update.
    public func step(rows: Int) -> SoftmaxCrossEntropy.BatchLoss {
        optimizer.learningRate = schedule.learningRate(
            base: baseLearningRate, step: stepCount, totalSteps: plannedSteps)
        stepCount += 1
        let (labels, classes) = (pass.labels, network.classCount)
        let logits = pass.forward(rows: rows, dropout: dropout)  // [rows, classes]
        let loss = SoftmaxCrossEntropy.backward(  // the loss, and ∂loss/∂logits [rows, classes]
            logits: logits, labels: labels, rows: rows, classes: classes, labelSmoothing: labelSmoothing,
            logitsGradient: pass.logitsGradient.storage)
        // Every gradient, ∂W ← carry · ∂W + ∇: carry 1 under SGD's momentum, which left momentum · v in ∂W.
        let meter = measuresGradientNorms ? madeGradientNormMeter() : nil
        meter?.keep(gradientCarry: optimizer.gradientCarry)
        pass.backward(rows: rows, dropout: dropout, gradientCarry: optimizer.gradientCarry)
        meter?.measure(gradientCarry: optimizer.gradientCarry)  // ‖∇‖ of each layer, when asked for
        optimizer.step(on: pass.kernel)  // w ← w − lr · g, or Adam's or momentum's version of it
        return loss
    }

    /// The meter of the gradient norms, made the first time a step measures them.
    private func madeGradientNormMeter() -> GradientNormMeter {
        if let gradientNormMeter { return gradientNormMeter }
        let meter = GradientNormMeter(network: network)
        gradientNormMeter = meter
        return meter
    }

    /// The network's loss, accuracy and confusion matrix on `data`; draws no random numbers
    /// and changes no weights.
    public func evaluate(on data: some Dataset) -> Evaluation {
        evaluator.evaluate(on: data)
    }

    /// The network's class probabilities and prediction for every example of `data`, in order.
    public func predictions(on data: some Dataset) -> Predictions {
        evaluator.predictions(on: data)
    }
}

/// Where an epoch has got to, reported after every batch.
public struct EpochProgress: Sendable {
    /// The epoch, counted from 1 over the trainer's life.
    public var epoch: Int
    /// The batch just done, counted from 1.
    public var batch: Int
    /// The number of batches in the epoch.
    public var batchCount: Int
    /// The mean loss of this batch alone.
    public var batchLoss: Double
    /// The mean loss over the batches so far.
    public var meanLoss: Double
    /// The fraction of the examples so far that the network classified correctly, in [0, 1].
    public var accuracy: Double
    /// The whole epoch's figures, when this batch was its last.
    public var summary: EpochSummary?
}

/// What one epoch of training did.
public struct EpochSummary: Sendable {
    /// The epoch, counted from 1 over the trainer's life.
    public var epoch: Int
    /// The mean training loss over the epoch.
    public var meanLoss: Double
    /// The fraction of the epoch's examples classified correctly as they were trained on.
    public var accuracy: Double
    /// Wall time of the training passes (no evaluation).
    public var seconds: Double
    /// The examples trained on.
    public var samples: Int
    /// The batches trained on.
    public var batches = 0
    /// The batches whose first layer took the sparse products (see `FirstLayerPath`).
    public var sparseFirstLayerBatches = 0
    /// The share of the epoch's batches whose first layer took the sparse products.
    public var sparseFirstLayerShare: Double { batches > 0 ? Double(sparseFirstLayerBatches) / Double(batches) : 0 }
    /// Training throughput: `samples / seconds`.
    public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}

/// Why training stopped.
public enum TrainingError: Error, CustomStringConvertible {
    /// The loss of this batch (counted from 1) of this epoch was NaN or infinite.
    case nonFiniteLoss(epoch: Int, batch: Int)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, batch):
            "the loss became NaN or infinite in epoch \(epoch), batch \(batch): training diverged. Try a lower learning rate (--lr)."
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    package var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
