/// A labelled data set that batches are drawn from: training, validation or test examples.
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The number of input features per example.
    var featureCount: Int { get }
    /// Writes the examples at `indices` as consecutive rows of `features`
    /// (`[indices.count, featureCount]`) and their classes into `labels` (`[indices.count]`).
    func fill(
        batch indices: UnsafeBufferPointer<Int>,
        features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}
