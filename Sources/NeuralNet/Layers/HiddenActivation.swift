/// What follows every hidden dense layer: ReLU, then, in training steps with dropout,
/// inverted dropout. Both work in place on the layer's output `[rows, outputs]`.
public enum HiddenActivation {
    /// `values = dropout(max(0, values))` over the first `count` values.
    public static func forward(_ values: UnsafeMutablePointer<Float>, count: Int, dropout: Dropout?) {
        ReLU.forward(values, count: count)
        dropout?.forward(values, count: count)
    }

    /// Turns ∂loss/∂output into ∂loss/∂input in place, from the step's `output` alone; give
    /// the same `dropout` as the forward pass did.
    public static func backward(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int, dropout: Dropout?
    ) {
        if let dropout, dropout.keptScale != 1 {
            Dropout.backwardThroughReLU(output: output, gradient: gradient, count: count, keptScale: dropout.keptScale)
        } else {
            ReLU.backward(output: output, gradient: gradient, count: count)
        }
    }
}
