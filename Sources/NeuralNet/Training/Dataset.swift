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
    /// Whether `fill` may run on several threads at once, each for other rows of one batch;
    /// `BatchPass` then fills a batch on its kernel's threads.
    var fillsConcurrently: Bool { get }
}

extension Dataset {
    /// False: `fill` runs on one thread at a time unless a data set says otherwise.
    public var fillsConcurrently: Bool { false }
}
