import Images

/// One byte of brightness per pixel (0 black, 255 white), rows top to bottom.
struct GrayImage {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    /// The image's luma (ITU-R BT.601 weights, as JPEG uses). Transparent parts are
    /// composited onto the colour that contrasts with what is drawn: white under a drawing that
    /// is dark on average, black under a light one, so a digit drawn on a transparent canvas
    /// keeps its strokes visible whichever colour they are.
    init(_ image: PixelImage) {
        width = image.width
        height = image.height
        let count = width * height
        let channels = image.channels
        var gray = [UInt8](repeating: 0, count: count)
        image.pixels.withUnsafeBufferPointer { source in
            func luma(_ p: Int) -> Int {
                let base = p * channels
                return channels >= 3
                    ? (299 * Int(source[base]) + 587 * Int(source[base + 1]) + 114 * Int(source[base + 2]) + 500) / 1000
                    : Int(source[base])
            }
            guard image.hasAlpha else {
                for p in 0..<count { gray[p] = UInt8(luma(p)) }
                return
            }
            // Alpha-weighted mean brightness of what is drawn decides the background.
            var weighted = 0
            var totalAlpha = 0
            for p in 0..<count {
                let alpha = Int(source[p * channels + channels - 1])
                weighted += alpha * luma(p)
                totalAlpha += alpha
            }
            let background = totalAlpha > 0 && weighted < totalAlpha * 128 ? 255 : 0
            for p in 0..<count {
                let alpha = Int(source[p * channels + channels - 1])
                gray[p] = UInt8((luma(p) * alpha + background * (255 - alpha) + 127) / 255)
            }
        }
        pixels = gray
    }
}
