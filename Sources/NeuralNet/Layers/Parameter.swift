/// A trainable tensor and the gradient of the loss with respect to it, same shape.
// Sendable by contract, like `Matrix`: its buffers are written by one training loop at a time.
public final class Parameter: @unchecked Sendable {
    /// The weights or biases themselves.
    public let value: Matrix
    /// ∂loss/∂value, the same shape, written by the backward pass; for a weight matrix under
    /// an optimizer whose `gradientCarry` is not 0, added to what the optimizer left there.
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
