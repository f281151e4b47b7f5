/// A trainable tensor and the gradient of the loss with respect to it, same shape.
public final class Parameter: Sendable {
    public let value: Matrix
    public let gradient: Matrix
    /// Whether weight decay applies (weights yes, biases no).
    public let decays: Bool

    public init(rows: Int, columns: Int, decays: Bool) {
        value = Matrix(rows: rows, columns: columns)
        gradient = Matrix(rows: rows, columns: columns)
        self.decays = decays
    }
}
