/// Sharpening by an unsharp mask: each pixel plus its difference from a Gaussian blur of
/// radius 1 and standard deviation 1, `v + (v − blur(v))`. Flat areas stay as they are; near
/// an outline the difference, and so the effect, grows.
enum UnsharpMask {
    /// The Gaussian's weights at distances 0 and 1, exp(−d²/2), normalized to sum to 1 over
    /// −1, 0, 1.
    static let weights: (centre: Float, side: Float) = {
        let side: Float = 0.606_530_66  // exp(−1/2)
        let total = 1 + 2 * side
        return (1 / total, side / total)
    }()

    /// `values` (`width × height`, row-major) sharpened; edges repeat their outermost pixels.
    static func apply(_ values: [Float], width: Int, height: Int) -> [Float] {
        func blurred(_ input: [Float], along dx: Int, _ dy: Int) -> [Float] {
            var output = input
            for y in 0..<height {
                for x in 0..<width {
                    let before = input[min(max(y - dy, 0), height - 1) * width + min(max(x - dx, 0), width - 1)]
                    let after = input[min(max(y + dy, 0), height - 1) * width + min(max(x + dx, 0), width - 1)]
                    output[y * width + x] = weights.centre * input[y * width + x] + weights.side * (before + after)
                }
            }
            return output
        }
        let blur = blurred(blurred(values, along: 1, 0), along: 0, 1)
        return zip(values, blur).map { 2 * $0 - $1 }
    }
}
