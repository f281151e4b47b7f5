/// Resamples grayscale byte images of one size through an affine map and an optional
/// displacement field with bilinear interpolation; positions outside the image read as 0
/// (paper).
///
/// Output pixel `(x, y)` takes the input at `map(x, y) + displacement(x, y)`, and is written
/// as `value × scale + offset`, the same affine normalization `NormalizedImages` applies, so
/// the identity map reproduces the normalized image exactly.
///
/// The image is first copied into a buffer with a border of paper, and every position is
/// clamped to one pixel beyond the edge, so the inner loop reads its four neighbours without
/// a test: a clamped position lands on the border, where all it can read is paper. The buffer
/// is allocated once, so resampling allocates nothing; use one warp per thread.
struct ImageWarp {
    /// A displacement field: pixel `(x, y)` moves by `(dx, dy)[y × stride + x]`.
    struct Displacement {
        var dx: UnsafePointer<Float>
        var dy: UnsafePointer<Float>
        var stride: Int
    }

    let width: Int
    let height: Int
    /// The image with one column of paper on the left, two on the right, one row above and
    /// two below: pixel `(x, y)` is at `(y + 1) × paddedWidth + x + 1`.
    private var padded: [Float]
    private var paddedWidth: Int { width + 3 }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        padded = Array(repeating: 0, count: (width + 3) * (height + 3))
    }

    mutating func resample(
        _ source: UnsafePointer<UInt8>, map: AffineMap, displacement: Displacement?,
        scale: Float, offset: Float, into destination: UnsafeMutablePointer<Float>
    ) {
        let (width, height, paddedWidth) = (width, height, paddedWidth)
        padded.withUnsafeMutableBufferPointer { padded in
            let padded = padded.baseAddress!
            for y in 0..<height {
                for x in 0..<width { padded[(y + 1) * paddedWidth + x + 1] = Float(source[y * width + x]) }
            }
            let (centreX, centreY) = (Float(width - 1) / 2, Float(height - 1) / 2)
            let (highestX, highestY) = (Float(width), Float(height))
            @inline(__always) func sample(_ x: Float, _ y: Float) -> Float {
                // The order of min and max also sends NaN to the border.
                let (x, y) = (max(min(x, highestX), -1), max(min(y, highestY), -1))
                let (left, top) = (x.rounded(.down), y.rounded(.down))
                let (fx, fy) = (x - left, y - top)
                let corner = padded + (Int(top) + 1) * paddedWidth + Int(left) + 1
                let upper = corner[0] * (1 - fx) + corner[1] * fx
                let lower = corner[paddedWidth] * (1 - fx) + corner[paddedWidth + 1] * fx
                return upper * (1 - fy) + lower * fy
            }
            for y in 0..<height {
                let relativeY = Float(y) - centreY
                let rowX = map.b * relativeY + centreX + map.shiftX
                let rowY = map.d * relativeY + centreY + map.shiftY
                let output = destination + y * width
                if let displacement {
                    let (dx, dy) = (
                        displacement.dx + y * displacement.stride, displacement.dy + y * displacement.stride
                    )
                    for x in 0..<width {
                        let relativeX = Float(x) - centreX
                        output[x] =
                            sample(map.a * relativeX + rowX + dx[x], map.c * relativeX + rowY + dy[x]) * scale + offset
                    }
                } else {
                    for x in 0..<width {
                        let relativeX = Float(x) - centreX
                        output[x] = sample(map.a * relativeX + rowX, map.c * relativeX + rowY) * scale + offset
                    }
                }
            }
        }
    }
}
