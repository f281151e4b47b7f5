/// A trainable tensor and the gradient of the loss with respect to it, same shape.
public final class Parameter: Sendable {
    /// The weights or biases themselves.
    public let value: Matrix
    /// ∂loss/∂value, the same shape, written by the backward pass.
    public let gradient: Matrix
    /// Whether weight decay applies (weights yes, biases no).
    public let decays: Bool

    /// A `[rows, columns]` parameter and its gradient, both zero.
    public init(rows: Int, columns: Int, decays: Bool) {
        value = Matrix(rows: rows, columns: columns)
        gradient = Matrix(rows: rows, columns: columns)
        self.decays = decays
    }
}
