/// The batch a trainer trained last, as its network read it: which examples of the data set,
/// in the epoch's shuffled order, their rows after the data set filled them (normalized, and
/// distorted when the data set augments), and their classes.
public struct TrainedBatch: Sendable, Equatable {
    /// Each example's index in the data set, in the order the epoch's shuffle put them.
    public var indices: [Int]
    /// The rows the network read, `[indices.count, featureCount]`.
    public var features: [Float]
    /// Each example's class.
    public var labels: [Int]
    /// The features per example.
    public var featureCount: Int

    /// The features of the batch's example `row`.
    public func features(ofRow row: Int) -> ArraySlice<Float> {
        features[row * featureCount..<(row + 1) * featureCount]
    }
}

extension Trainer {
    /// The batch the last `trainBatch` trained, copied out of the trainer's buffers (which the
    /// next batch overwrites); nil before the first. Allocates: for a caller that shows a step,
    /// not for the training loop.
    public func lastBatch() -> TrainedBatch? {
        guard let range = lastBatchRange else { return nil }
        let width = network.inputCount
        return TrainedBatch(
            indices: Array(order[range]),
            features: Array(UnsafeBufferPointer(start: pass.input.storage, count: range.count * width)),
            labels: (0..<range.count).map { Int(pass.labels[$0]) }, featureCount: width)
    }
}
