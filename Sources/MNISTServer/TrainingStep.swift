#if Server
import MNIST
import NeuralNet

/// What `POST /api/train/step` answers about the one batch it trained: where the run is, the
/// batch's loss and learning rate, each layer's gradient norms, the batch's images as the
/// network saw them, and the first-layer units whose weights this step changed most, before
/// and after the update. Every figure is the session's own, as `mnist train` computes it.
struct TrainingStep: Encodable, Sendable {
    /// The epoch, counted from 1.
    var epoch: Int
    /// The batch just trained, counted from 1 within its epoch.
    var batch: Int
    /// The batches of an epoch.
    var batchCount: Int
    /// The steps trained so far in the run, this one included.
    var step: Int
    /// The batch's mean training loss, as the session's history records it.
    var loss: Double
    /// The mean loss and the accuracy of the epoch's batches so far.
    var epochLoss: Double
    var epochAccuracy: Double
    /// The learning rate of this step's update, as the schedule set it.
    var learningRate: Float
    /// Each layer's gradient norms, first layer first.
    var gradientNorms: [LayerNorms]
    /// The batch's images, in the order the epoch's shuffle drew them.
    var images: [BatchImage]
    /// The first-layer units whose weights changed most, largest change first.
    var units: [UnitChange]
    /// Whether every planned epoch is trained: the run now tests its model and ends.
    var finished: Bool

    struct LayerNorms: Encodable, Sendable {
        /// Counted from 1, as the page and the report number layers.
        var layer: Int
        /// ‖∂loss/∂W‖ and ‖∂loss/∂b‖ of the batch's loss, before weight decay and momentum.
        var weights: Double
        var biases: Double
    }

    struct BatchImage: Encodable, Sendable {
        /// The image's index among the run's training images.
        var index: Int
        var label: Int
        /// `height` rows of `width` bytes, 0 (paper) to 255 (ink).
        var pixels: [[UInt8]]
    }

    struct UnitChange: Encodable, Sendable {
        /// The unit's index in the first layer, from 0 as `GET /api/model/first-layer` lists them.
        var unit: Int
        /// ‖after − before‖ of its incoming weights.
        var change: Double
        /// Its weights before and after the update, each scaled to its own largest magnitude,
        /// and their difference scaled to the difference's own largest magnitude.
        var before: QuantizedWeights
        var after: QuantizedWeights
        var difference: QuantizedWeights
    }

    /// The first-layer units an answer shows.
    static let unitCount = 6

    /// Trains the next batch of `session` (`TrainingSession.trainBatch`, its events to `events`)
    /// and describes it. Measures the gradient norms of this step only.
    static func train(
        _ session: TrainingSession, events: (MNIST.TrainingEvent) throws -> Void
    ) throws -> TrainingStep {
        let weights = session.network.layers[0].weight.value
        let before = weights.values
        var progress: EpochProgress?
        session.trainer.measuresGradientNorms = true
        defer { session.trainer.measuresGradientNorms = false }
        try session.trainBatch { event in
            if case .batch(let batch) = event { progress = batch }
            try events(event)
        }
        guard let progress, let (indices, images) = session.lastBatch() else {
            preconditionFailure("a trained batch reports its progress")
        }
        return TrainingStep(
            epoch: progress.epoch, batch: progress.batch, batchCount: progress.batchCount,
            step: session.trainer.stepCount, loss: progress.batchLoss, epochLoss: progress.meanLoss,
            epochAccuracy: progress.accuracy, learningRate: session.trainer.optimizer.learningRate,
            gradientNorms: session.trainer.gradientNorms.enumerated().map { layer, norms in
                LayerNorms(layer: layer + 1, weights: norms.weight, biases: norms.bias)
            },
            images: indices.indices.map { row in
                let pixels = images.pixels[row * images.pixelsPerImage..<(row + 1) * images.pixelsPerImage]
                return BatchImage(
                    index: indices[row], label: Int(images.labels[row]),
                    pixels: (0..<images.height).map { line in
                        Array(pixels.dropFirst(line * images.width).prefix(images.width))
                    })
            },
            units: changedMost(before: before, after: weights), finished: session.isFinished)
    }

    /// The `unitCount` units of `after` (`[units, inputs]`) whose weights moved farthest from `before`.
    private static func changedMost(before: [Float], after: Matrix) -> [UnitChange] {
        let inputs = after.columns
        let changes = (0..<after.rows).map { unit in
            let start = unit * inputs
            let squares = (start..<start + inputs).reduce(0.0) { sum, index in
                let difference = Double(after.storage[index] - before[index])
                return sum + difference * difference
            }
            return (unit: unit, change: squares.squareRoot())
        }
        return changes.sorted { $0.change > $1.change || ($0.change == $1.change && $0.unit < $1.unit) }
            .prefix(unitCount).map { unit, change in
                let start = unit * inputs
                let old = before[start..<start + inputs]
                let new = UnsafeBufferPointer(start: after.storage + start, count: inputs)
                return UnitChange(
                    unit: unit, change: change, before: QuantizedWeights(old), after: QuantizedWeights(new),
                    difference: QuantizedWeights(zip(new, old).map { $0 - $1 }))
            }
    }
}
#endif
