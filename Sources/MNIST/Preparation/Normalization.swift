/// How raw pixel bytes become network inputs: scale to [0, 1], then standardize.
///
///     x = (byte / 255 − mean) / standardDeviation
///
/// The defaults are the mean and standard deviation of the MNIST training pixels, the
/// values PyTorch's MNIST examples use.
public struct Normalization: Sendable, Equatable {
    /// The mean of the pixels scaled to [0, 1], subtracted first.
    public var mean: Float
    /// Their standard deviation, divided by next.
    public var standardDeviation: Float

    /// The mean and standard deviation of MNIST's training pixels.
    public static let mnist = Normalization(mean: 0.1307, standardDeviation: 0.3081)

    /// A normalization by `mean` and `standardDeviation`.
    public init(mean: Float, standardDeviation: Float) {
        precondition(standardDeviation > 0, "the standard deviation must be positive")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The normalized value of a pixel byte.
    public func callAsFunction(_ byte: UInt8) -> Float {
        (Float(byte) / 255 - mean) / standardDeviation
    }

    /// The pixel byte a normalized value stands for: the inverse of normalizing, rounded to the
    /// nearest byte and kept to 0...255 (a distorted image's interpolated values fall between bytes).
    public func byte(of value: Float) -> UInt8 {
        UInt8(min(max(((value * standardDeviation + mean) * 255).rounded(), 0), 255))
    }

    /// The factor that, with `byteOffset`, normalizes a pixel value `v` (0–255) as
    /// `v × byteScale + byteOffset`: one multiply-add, which vectorizes.
    public var byteScale: Float { 1 / (255 * standardDeviation) }
    /// The offset added after `byteScale`: `−mean / standardDeviation`, the normalized value of a 0 byte.
    public var byteOffset: Float { -mean / standardDeviation }
}
