/// The rectified linear unit, `max(0, x)`, applied in place.
public enum ReLU {
    /// Replaces each of the first `count` values with `max(0, value)`.
    public static func forward(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { values[index] = max(values[index], 0) }
    }

    /// Turns ∂loss/∂output into ∂loss/∂input in place: the gradient passes where the
    /// layer's output was positive and is zero elsewhere.
    public static func backward(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int
    ) {
        for index in 0..<count where output[index] <= 0 { gradient[index] = 0 }
    }
}
