import Charts
import Images

/// A saliency map drawn over the digit the network saw, as `mnist predict --explain` writes
/// it: the 28×28 input in gray (ink dark), tinted by `ColorMap.saliency` (red where ink pushes
/// the network toward its answer, blue where toward the runner-up, the stronger the more it
/// does), each pixel enlarged `scale` times, with the colour bar under it as the legend
/// (`ColorLegend.saliency`: its left end favours the runner-up, its right end the answer).
package enum SaliencyOverlay {
    /// The overlay of `saliency` (`[side × side]`) on `input` (`side × side` bytes, 255 ink).
    package static func image(input: [UInt8], saliency: [Float], side: Int = 28, scale: Int = 10) -> PixelImage {
        precondition(input.count == side * side && saliency.count == side * side, "one saliency per pixel")
        let largest = Double(saliency.map(abs).max() ?? 0)
        let colors = (0..<input.count).map { index -> Color in
            let paper = 255 - input[index]
            let gray = Color(red: paper, green: paper, blue: paper)
            let t = largest > 0 ? Double(saliency[index]) / largest : 0
            return gray.mixed(with: ColorMap.saliency(0.5 + t / 2), min(abs(t) * 1.5, 1))
        }
        let size = side * scale
        let (gap, bar) = (6, 12)
        var image = PixelImage(width: size, height: size + gap + bar, filledWith: [255, 255, 255])
        func paint(_ x: Int, _ y: Int, _ color: Color) {
            let offset = (y * size + x) * 3
            image.pixels[offset] = color.red
            image.pixels[offset + 1] = color.green
            image.pixels[offset + 2] = color.blue
        }
        for y in 0..<size {
            for x in 0..<size { paint(x, y, colors[(y / scale) * side + x / scale]) }
        }
        for x in 0..<size {
            let color = ColorMap.saliency((Double(x) + 0.5) / Double(size))
            for y in (size + gap)..<(size + gap + bar) { paint(x, y, color) }
        }
        return image
    }
}
