/// Resamples a grayscale byte image through an affine map and an optional displacement field
/// with bilinear interpolation; positions outside the image read as 0 (paper).
///
/// Output pixel `(x, y)` takes the input at `map(x, y) + displacement(x, y)`, and is written
/// as `value × scale + offset`, the same affine normalization `NormalizedImages` applies, so
/// the identity map reproduces the normalized image exactly.
enum ImageWarp {
    /// A displacement field: pixel `(x, y)` moves by `(dx, dy)[y × stride + x]`.
    struct Displacement {
        var dx: UnsafePointer<Float>
        var dy: UnsafePointer<Float>
        var stride: Int
    }

    static func resample(
        _ source: UnsafePointer<UInt8>, width: Int, height: Int, map: AffineMap, displacement: Displacement?,
        scale: Float, offset: Float, into destination: UnsafeMutablePointer<Float>
    ) {
        let centreX = Float(width - 1) / 2
        let centreY = Float(height - 1) / 2
        @inline(__always) func pixel(_ x: Int, _ y: Int) -> Float {
            x >= 0 && x < width && y >= 0 && y < height ? Float(source[y * width + x]) : 0
        }
        for y in 0..<height {
            let relativeY = Float(y) - centreY
            for x in 0..<width {
                let relativeX = Float(x) - centreX
                var sourceX = map.a * relativeX + map.b * relativeY + centreX + map.shiftX
                var sourceY = map.c * relativeX + map.d * relativeY + centreY + map.shiftY
                if let displacement {
                    sourceX += displacement.dx[y * displacement.stride + x]
                    sourceY += displacement.dy[y * displacement.stride + x]
                }
                let left = sourceX.rounded(.down)
                let top = sourceY.rounded(.down)
                var value: Float = 0
                // Far outside the image every neighbour is paper; this also keeps Int() in range.
                if left > -2, top > -2, left < Float(width), top < Float(height) {
                    let (fx, fy) = (sourceX - left, sourceY - top)
                    let (x0, y0) = (Int(left), Int(top))
                    let (topLeft, topRight, bottomLeft, bottomRight): (Float, Float, Float, Float)
                    if x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height {
                        let corner = source + y0 * width + x0
                        (topLeft, topRight) = (Float(corner[0]), Float(corner[1]))
                        (bottomLeft, bottomRight) = (Float(corner[width]), Float(corner[width + 1]))
                    } else {
                        (topLeft, topRight) = (pixel(x0, y0), pixel(x0 + 1, y0))
                        (bottomLeft, bottomRight) = (pixel(x0, y0 + 1), pixel(x0 + 1, y0 + 1))
                    }
                    let upper = topLeft * (1 - fx) + topRight * fx
                    let lower = bottomLeft * (1 - fx) + bottomRight * fx
                    value = upper * (1 - fy) + lower * fy
                }
                destination[y * width + x] = value * scale + offset
            }
        }
    }
}
