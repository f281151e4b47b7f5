/// The rectified linear unit, `max(0, x)`, applied in place.
public enum ReLU {
    /// Replaces each of the first `count` values with `max(0, value)`.
    public static func forward(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { values[index] = max(values[index], 0) }
    }

    /// Turns ∂loss/∂output into ∂loss/∂input in place: the gradient passes where the
    /// layer's output was positive and is zero elsewhere.
    ///
    /// Every element is written, the zero or the gradient itself: a store only where the
    /// output is not positive compiles to AVX masked stores, which Zen cores run slowly.
    public static func backward(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int
    ) {
        for index in 0..<count { gradient[index] = output[index] <= 0 ? 0 : gradient[index] }
    }
}
