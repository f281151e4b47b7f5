import Images
import NeuralNet

/// An MNIST digit presented the way people's own images arrive: drawn several times larger in
/// dark pen on white paper, somewhere off-centre on a bigger RGB canvas. Used to measure how
/// well `DigitPreprocessor` brings such images back to what the network was trained on.
package enum DigitPhoto {
    /// How the digit is drawn on the canvas.
    package enum Pen: String, Sendable, CaseIterable {
        /// The digit's own strokes, scaled up with it: as thick, relative to the digit, as in MNIST.
        case thick
        /// The strokes thinned to lines one pixel wide on the canvas, like a pencil line.
        case thin
    }

    /// The width of the photo, in pixels.
    package static let canvasWidth = 256
    /// The height of the photo, in pixels.
    package static let canvasHeight = 192
    /// Paper and pen colours (sRGB).
    static let paper: [Float] = [250, 248, 240]
    static let penColor: [Float] = [25, 30, 70]

    /// The 28×28 MNIST digit `pixels` (0 paper, 255 ink) scaled up 2.5 to 6 times with
    /// bilinear interpolation and placed at a random spot of the canvas, drawn with `pen`;
    /// `generator` decides the scale and the place.
    package static func render(_ pixels: [UInt8], pen: Pen = .thick, using generator: inout RandomGenerator)
        -> PixelImage
    {
        precondition(pixels.count == 28 * 28, "an MNIST digit has 28×28 pixels")
        let scale = 2.5 + 3.5 * generator.nextUnitDouble()
        let size = Int((28 * scale).rounded(.up))
        let left = Int(generator.nextUnitDouble() * Double(canvasWidth - size))
        let top = Int(generator.nextUnitDouble() * Double(canvasHeight - size))

        var inks = [Float](repeating: 0, count: size * size)
        for y in 0..<size {
            for x in 0..<size {
                inks[y * size + x] =
                    bilinear(pixels, x: (Double(x) + 0.5) / scale - 0.5, y: (Double(y) + 0.5) / scale - 0.5) / 255
            }
        }
        if pen == .thin {
            inks = Skeleton.thin(inks.map { $0 >= 0.5 }, width: size, height: size).map { $0 ? 1 : 0 }
        }

        var image = PixelImage(width: canvasWidth, height: canvasHeight, filledWith: paper.map { UInt8($0) })
        for y in 0..<size {
            for x in 0..<size {
                let ink = inks[y * size + x]
                for c in 0..<3 {
                    image[x: left + x, y: top + y, channel: c] = UInt8(
                        (paper[c] + ink * (penColor[c] - paper[c])).rounded())
                }
            }
        }
        return image
    }

    /// The images as they come back from being such photos: each rendered with `pen` (and its
    /// own generator, seeded from `seed` and its index), saved in memory as PNG (even indices)
    /// or JPEG at quality 85 (odd), decoded and prepared by `DigitPreprocessor`; labels kept.
    package static func roundTrip(_ images: LabelledImages, seed: UInt64, pen: Pen = .thick) throws -> LabelledImages {
        precondition(images.width == 28 && images.height == 28, "MNIST digits are 28×28")
        var pixels: [UInt8] = []
        pixels.reserveCapacity(images.pixels.count)
        for index in 0..<images.count {
            var generator = RandomGenerator(seed: seed ^ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let photo = render(Array(images.pixels[index * 784..<(index + 1) * 784]), pen: pen, using: &generator)
            let name = "test image \(index)"
            let file = index % 2 == 0 ? try PNG.encode(photo) : try JPEG.encode(photo, quality: 85)
            pixels += try DigitPreprocessor.prepare(ImageFile.decode(file, name: name), name: name).pixels
        }
        return LabelledImages(height: 28, width: 28, pixels: pixels, labels: images.labels)
    }

    /// The 28×28 image's value at a point between pixel centres (0 outside the image).
    private static func bilinear(_ pixels: [UInt8], x: Double, y: Double) -> Float {
        let x0 = Int(x.rounded(.down))
        let y0 = Int(y.rounded(.down))
        let fx = Float(x - Double(x0))
        let fy = Float(y - Double(y0))
        func at(_ x: Int, _ y: Int) -> Float {
            (0..<28).contains(x) && (0..<28).contains(y) ? Float(pixels[y * 28 + x]) : 0
        }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
