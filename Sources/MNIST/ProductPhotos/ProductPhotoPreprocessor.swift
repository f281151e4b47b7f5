import Images

/// Turns a person's photo of a garment, shoe or bag into Fashion-MNIST's kind of input,
/// repeating how Xiao, Rasul and Vollgraf (2017, section 2) made its images from Zalando's
/// product photos:
///
/// 1. trim the edges whose colour is within 5% of the corner pixel's (the background);
/// 2. resize the longest edge to 28 (by area averaging, where the paper skipped rows and
///    columns: a phone photo has a hundred times more of them than a product thumbnail);
/// 3. sharpen with a Gaussian of radius and standard deviation 1 (an unsharp mask, which acts
///    most near outlines);
/// 4. extend the shortest edge to 28, the image in the centre;
/// 5. negate, so the background is dark and the product light;
/// 6. keep 8-bit gray (BT.601 luma, taken before the steps above, which are linear).
///
/// Transparent parts count as white, the background of product photos.
public enum ProductPhotoPreprocessor {
    /// The side of the square the network reads.
    public static let side = 28
    /// The largest distance from the corner colour, in RGB, that counts as background: 5% of
    /// the largest possible, from black to white (255·√3).
    static let backgroundTolerance = 0.05 * 255 * Double(3).squareRoot()

    /// The 28×28 product in `image`; `name` names the image in errors.
    public static func prepare(_ image: PixelImage, name: String) throws(DigitImageError) -> PreparedDigit {
        let minimum = DigitPreprocessor.minimumSide
        guard image.width >= minimum, image.height >= minimum else {
            throw .tooSmall(name, width: image.width, height: image.height, minimum: minimum)
        }
        let rgb = opaqueColours(image)
        guard let box = subjectBox(rgb, width: image.width, height: image.height) else { throw .noSubject(name) }
        let gray = rgb.map { ($0.red * 299 + $0.green * 587 + $0.blue * 114) / 1000 }
        let background = gray[0]

        let scale = Double(max(box.x.count, box.y.count)) / Double(side)
        let width = min(side, max(1, Int((Double(box.x.count) / scale).rounded())))
        let height = min(side, max(1, Int((Double(box.y.count) / scale).rounded())))
        let resized = AreaResampling.resample(
            inputWidth: image.width, inputHeight: image.height, x: Double(box.x.lowerBound),
            y: Double(box.y.lowerBound), scale: scale, width: width, height: height,
            source: { UInt8(gray[$1 * image.width + $0].rounded()) })
        let sharpened = UnsharpMask.apply(resized, width: width, height: height)

        var pixels = [UInt8](repeating: 255 - UInt8(background.rounded()), count: side * side)
        let (left, top) = ((side - width) / 2, (side - height) / 2)
        for y in 0..<height {
            for x in 0..<width {
                pixels[(top + y) * side + left + x] = 255 - UInt8(min(255, max(0, sharpened[y * width + x])).rounded())
            }
        }
        return PreparedDigit(pixels: pixels, darkInkOnLightPaper: background >= 128, inkBox: box)
    }

    /// One pixel's colour, 0 to 255 a channel.
    struct Colour {
        var red: Float
        var green: Float
        var blue: Float

        func distance(to other: Colour) -> Double {
            let (r, g, b) = (red - other.red, green - other.green, blue - other.blue)
            return Double(r * r + g * g + b * b).squareRoot()
        }
    }

    /// Every pixel's colour, transparent parts composited onto white.
    static func opaqueColours(_ image: PixelImage) -> [Colour] {
        let channels = image.channels
        return (0..<image.width * image.height).map { p in
            let base = p * channels
            let samples = image.pixels[base..<base + channels].map(Float.init)
            let alpha = image.hasAlpha ? samples[channels - 1] / 255 : 1
            func over(_ value: Float) -> Float { value * alpha + 255 * (1 - alpha) }
            return channels >= 3
                ? Colour(red: over(samples[0]), green: over(samples[1]), blue: over(samples[2]))
                : Colour(red: over(samples[0]), green: over(samples[0]), blue: over(samples[0]))
        }
    }

    /// The smallest box holding every pixel farther than `backgroundTolerance` from the
    /// top-left corner's colour; nil when there is none.
    static func subjectBox(_ colours: [Colour], width: Int, height: Int) -> (x: Range<Int>, y: Range<Int>)? {
        let corner = colours[0]
        var (left, right, top, bottom) = (width, -1, height, -1)
        for y in 0..<height {
            for x in 0..<width where colours[y * width + x].distance(to: corner) > backgroundTolerance {
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        guard right >= 0 else { return nil }
        return (left..<right + 1, top..<bottom + 1)
    }
}
