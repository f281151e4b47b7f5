/// A batch filled by a data set as `ElementwiseWork` over the batch's `rows × featureCount`
/// inputs: each piece fills the rows whose first input lies in it, so that threads sharing
/// the pieces fill every row once, and no row twice.
final class RowFill<Data: Dataset>: ElementwiseWork {
    private var data: Data?
    private var indices = UnsafeBufferPointer<Int>(start: nil, count: 0)
    private var features: UnsafeMutablePointer<Float>?
    private var labels: UnsafeMutablePointer<Int32>?

    /// Prepares to fill the examples of `data` at `indices` into `features` and `labels`.
    func start(
        _ data: Data, indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        (self.data, self.indices, self.features, self.labels) = (data, indices, features, labels)
    }

    /// Lets go of the data set and the batch's buffers.
    func finish() { (data, indices, features, labels) = (nil, UnsafeBufferPointer(start: nil, count: 0), nil, nil) }

    func perform(_ piece: Range<Int>) {
        guard let data, let features, let labels else { return }
        let width = data.featureCount
        let rows = (piece.lowerBound + width - 1) / width..<(piece.upperBound + width - 1) / width
        guard !rows.isEmpty else { return }
        data.fill(
            batch: UnsafeBufferPointer(rebasing: indices[rows]), features: features + rows.lowerBound * width,
            labels: labels + rows.lowerBound)
    }
}
