/// How training images are randomly distorted each time the trainer draws them, so that the
/// network sees a slightly different digit every epoch and learns the shape, not the pixels.
public enum Augmentation: String, CaseIterable, Sendable {
    /// The images as they are.
    case none
    /// A random affine map per image: rotation, scaling, shear and translation (and a mirror
    /// image, for data sets whose `DistortionRanges` allow it).
    case affine
    /// The affine map plus an elastic distortion (Simard, Steinkraus and Platt, 2003): a random
    /// displacement field smoothed by a Gaussian and scaled, as a hand's wobble would make it.
    case elastic
}

/// The ranges random distortions are drawn from, each uniformly.
public struct DistortionRanges: Sendable, Equatable {
    /// Largest rotation either way, in degrees.
    public var rotation: Float
    /// Largest relative change of width and of height (each drawn on its own), so 0.1 scales
    /// each axis by a factor from 0.9 to 1.1.
    public var scale: Float
    /// Largest horizontal shear, as a fraction of the height (0.1 slants by about 6°).
    public var shear: Float
    /// Largest shift either way along each axis, in pixels.
    public var translation: Float
    /// Standard deviation of the Gaussian that smooths the elastic displacement field, in pixels.
    public var elasticSigma: Float
    /// Factor scaling the smoothed field (uniform in [−1, 1] before smoothing) into pixels.
    public var elasticAlpha: Float
    /// Whether half the images, drawn at random, are also mirrored left to right: right for
    /// garments, which are as often seen from either side, and wrong for digits and characters.
    public var mirror: Bool

    /// The ranges of every distortion, as the properties describe them.
    public init(
        rotation: Float, scale: Float, shear: Float, translation: Float, elasticSigma: Float, elasticAlpha: Float,
        mirror: Bool = false
    ) {
        self.rotation = rotation
        self.scale = scale
        self.shear = shear
        self.translation = translation
        self.elasticSigma = elasticSigma
        self.elasticAlpha = elasticAlpha
        self.mirror = mirror
    }

    /// Moderate distortions that keep every digit legible: ±10°, ±10% per axis, ±0.1 shear,
    /// ±2 pixels, and Simard et al.'s elastic field (σ = 4, α = 34 on 28×28 images).
    public static let standard = DistortionRanges(
        rotation: 10, scale: 0.1, shear: 0.1, translation: 2, elasticSigma: 4, elasticAlpha: 34)

    /// What a product photo could as well have been: its mirror image, half the time, and
    /// nothing else (no rotation, scaling, shear or shift: on Fashion-MNIST, resampling's blur
    /// costs more than the variety gains, docs/fashion-mnist.md), with the standard elastic field
    /// for `elastic`.
    public static let productPhotos = DistortionRanges(
        rotation: 0, scale: 0, shear: 0, translation: 0, elasticSigma: 4, elasticAlpha: 34, mirror: true)
}
