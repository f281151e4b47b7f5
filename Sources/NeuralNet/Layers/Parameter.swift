/// A trainable tensor and the gradient of the loss with respect to it, same shape.
// Sendable by contract, like `Matrix`: `accumulatesGradient` is set by the optimizer that the
// parameter's training loop makes, before that loop runs a backward pass.
public final class Parameter: @unchecked Sendable {
    /// The weights or biases themselves.
    public let value: Matrix
    /// ∂loss/∂value, the same shape, written by the backward pass; or, while
    /// `accumulatesGradient` is on, added to what the optimizer left there.
    public let gradient: Matrix
    /// Whether weight decay applies (weights yes, biases no).
    public let decays: Bool
    /// Whether the backward pass adds ∂loss/∂value to `gradient` instead of overwriting it.
    /// Off unless an optimizer keeps a running sum of gradients in that buffer: `SGD` with
    /// classical momentum leaves a weight matrix's `momentum · v` there after each step, so
    /// that the backward pass's weight-gradient product computes `v ← momentum · v + ∇`.
    public internal(set) var accumulatesGradient = false

    /// A `[rows, columns]` parameter and its gradient, both zero.
    public init(rows: Int, columns: Int, decays: Bool) {
        value = Matrix(rows: rows, columns: columns)
        gradient = Matrix(rows: rows, columns: columns)
        self.decays = decays
    }
}
