import Foundation
import NeuralNet

/// A map from output pixel positions to the input positions they are sampled from,
/// `source = matrix · (p − centre) + centre + shift`, with the centre of the image fixed.
public struct AffineMap: Sendable, Equatable {
    /// Row-major 2×2 matrix: `(a, b; c, d)` maps `(x, y)` to `(a x + b y, c x + d y)`.
    public var a: Float, b: Float, c: Float, d: Float
    /// Added after the matrix, in pixels.
    public var shiftX: Float, shiftY: Float

    /// The map with matrix `(a, b; c, d)` about the centre, then the shift.
    public init(a: Float, b: Float, c: Float, d: Float, shiftX: Float, shiftY: Float) {
        (self.a, self.b, self.c, self.d, self.shiftX, self.shiftY) = (a, b, c, d, shiftX, shiftY)
    }

    /// Samples every pixel from where it is: the image unchanged.
    public static let identity = AffineMap(a: 1, b: 0, c: 0, d: 1, shiftX: 0, shiftY: 0)

    /// A rotation by `degrees`, a scaling of each axis, a horizontal shear and a shift,
    /// composed in that order (rotation outermost).
    public init(rotation degrees: Float, scaleX: Float, scaleY: Float, shear: Float, shiftX: Float, shiftY: Float) {
        let radians = degrees * .pi / 180
        let (cosine, sine) = (cos(radians), sin(radians))
        // rotation · shear · scale, with shear = (1, shear; 0, 1).
        let (m00, m01) = (scaleX, shear * scaleY)
        let (m10, m11) = (Float(0), scaleY)
        self.init(
            a: cosine * m00 - sine * m10, b: cosine * m01 - sine * m11,
            c: sine * m00 + cosine * m10, d: sine * m01 + cosine * m11,
            shiftX: shiftX, shiftY: shiftY)
    }

    /// A map drawn uniformly from `ranges`; with `ranges.mirror`, mirrored left to right half
    /// the time (a draw made last, so that ranges without it draw the maps they always did).
    public static func random(in ranges: DistortionRanges, using generator: inout RandomGenerator) -> AffineMap {
        func uniform(_ limit: Float) -> Float { limit * Float(generator.nextUnitDouble() * 2 - 1) }
        let (rotation, scaleX, scaleY) = (
            uniform(ranges.rotation), 1 + uniform(ranges.scale), 1 + uniform(ranges.scale)
        )
        let (shear, shiftX, shiftY) = (uniform(ranges.shear), uniform(ranges.translation), uniform(ranges.translation))
        let mirrored = ranges.mirror && generator.nextUnitDouble() < 0.5
        return AffineMap(
            rotation: rotation, scaleX: mirrored ? -scaleX : scaleX, scaleY: scaleY, shear: shear, shiftX: shiftX,
            shiftY: shiftY)
    }
}
