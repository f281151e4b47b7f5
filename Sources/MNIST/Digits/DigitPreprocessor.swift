import Images

/// A person's image prepared the way the MNIST digits were: 28×28 bytes, 0 paper and 255
/// ink, the digit scaled to fit a 20×20 box and its centre of mass in the centre.
public struct PreparedDigit: Sendable, Equatable {
    /// 28 × 28 bytes, row by row, as in the MNIST files.
    public var pixels: [UInt8]
    /// Whether the image had dark ink on light paper (and was inverted), or light on dark.
    public var darkInkOnLightPaper: Bool
    /// The part of the original image that holds the ink, in its pixel coordinates.
    public var inkBox: (x: Range<Int>, y: Range<Int>)

    /// The pixels as 28 rows of 28, top to bottom.
    public var rows: [[UInt8]] {
        stride(from: 0, to: pixels.count, by: DigitPreprocessor.side).map {
            Array(pixels[$0..<$0 + DigitPreprocessor.side])
        }
    }

    public static func == (a: PreparedDigit, b: PreparedDigit) -> Bool {
        a.pixels == b.pixels && a.darkInkOnLightPaper == b.darkInkOnLightPaper && a.inkBox == b.inkBox
    }
}

/// Turns a person's image of a digit into the network's kind of input, repeating how MNIST
/// was made: grayscale; ink versus paper (either way round); crop to the ink; strokes thinner
/// than MNIST's thickened to its typical width (`StrokeWidth`); scale the crop to fit 20×20
/// keeping its aspect ratio (area averaging); place it in a 28×28 field so its centre of mass is
/// the centre.
public enum DigitPreprocessor {
    /// The side of the square the network reads.
    public static let side = 28
    /// The side of the box the digit's longer side is scaled to.
    public static let digitBox = 20
    /// The smallest width and height accepted: below this there is no room for a digit and the
    /// paper around it.
    public static let minimumSide = 8
    /// The digit's extent is that of its ink at least half as strong as the strongest (as
    /// in MNIST, where this box is 20 pixels in 99% of the digits); fainter ink around it is
    /// kept, up to `margin` output pixels beyond the box.
    static let boxThreshold: UInt8 = 128
    static let margin = 3
    /// The least difference between ink and paper, in brightness levels, that counts as a
    /// drawing rather than a blank page.
    static let minimumContrast = 32

    /// The 28×28 digit in `image`; `name` names the image in errors.
    public static func prepare(_ image: PixelImage, name: String) throws(DigitImageError) -> PreparedDigit {
        guard image.width >= minimumSide, image.height >= minimumSide else {
            throw .tooSmall(name, width: image.width, height: image.height, minimum: minimumSide)
        }
        let ink = InkImage(GrayImage(image))
        guard ink.contrast >= minimumContrast, let box = ink.boundingBox(threshold: boxThreshold) else {
            throw .noInk(name)
        }

        // Thin strokes are thickened first, on a finer plane of their own, which is then fitted.
        let pixels =
            if let plane = StrokeWidth.thickened(ink, box: box),
                let planeBox = plane.boundingBox(threshold: boxThreshold)
            {
                fit(planeBox, width: plane.width, height: plane.height, source: { plane[x: $0, y: $1] })
            } else {
                fit(box, width: image.width, height: image.height, source: { ink[x: $0, y: $1] })
            }
        return PreparedDigit(pixels: pixels, darkInkOnLightPaper: ink.darkInkOnLightPaper, inkBox: box)
    }

    /// The 28×28 pixels of the digit whose ink lies in `box` of a `width × height` image of
    /// ink values (`source(x, y)`, 0 paper to 255 ink): fitted to 20×20 and centred by mass.
    private static func fit(
        _ box: (x: Range<Int>, y: Range<Int>), width inputWidth: Int, height inputHeight: Int,
        source: (Int, Int) -> UInt8
    ) -> [UInt8] {
        // Fit the box's longer side to 20 pixels, the other in proportion, and resample the
        // box with a margin around it, where fainter ink (antialiased edges) may lie.
        let scale = Double(max(box.x.count, box.y.count)) / Double(digitBox)
        let width = max(1, Int((Double(box.x.count) / scale).rounded()))
        let height = max(1, Int((Double(box.y.count) / scale).rounded()))
        let planeWidth = width + 2 * margin
        let planeHeight = height + 2 * margin
        let plane = AreaResampling.resample(
            inputWidth: inputWidth, inputHeight: inputHeight,
            x: Double(box.x.lowerBound) + (Double(box.x.count) - Double(width) * scale) / 2 - Double(margin) * scale,
            y: Double(box.y.lowerBound) + (Double(box.y.count) - Double(height) * scale) / 2 - Double(margin) * scale,
            scale: scale, width: planeWidth, height: planeHeight, source: source)

        // Shift the centre of mass to pixel (14, 14), where the MNIST digits have theirs on
        // average, by whole pixels as MNIST did, keeping the box inside the field.
        var mass: Float = 0
        var sumX: Float = 0
        var sumY: Float = 0
        for y in 0..<planeHeight {
            for x in 0..<planeWidth {
                let value = plane[y * planeWidth + x]
                mass += value
                sumX += value * Float(x)
                sumY += value * Float(y)
            }
        }
        let centre = Float(side / 2)
        let left = min(max(-margin, Int((centre - sumX / mass).rounded())), side - margin - width)
        let top = min(max(-margin, Int((centre - sumY / mass).rounded())), side - margin - height)

        // Every MNIST digit's strongest pixel is 254 or 255; averaging thin strokes with
        // paper leaves them fainter, so stretch them back.
        let stretch = 255 / max(1, plane.max()!)

        var pixels = [UInt8](repeating: 0, count: side * side)
        for y in 0..<planeHeight where (0..<side).contains(top + y) {
            for x in 0..<planeWidth where (0..<side).contains(left + x) {
                pixels[(top + y) * side + left + x] = UInt8(min(255, (plane[y * planeWidth + x] * stretch).rounded()))
            }
        }
        return pixels
    }
}
