import Images
import MNIST
import Testing

/// A white `200 × 100` RGB photo with a `112 × 56` subject at (44, 22), coloured by column:
/// `colour(x)` for x from 0 to 111. The subject scales by exactly 4 to 28 × 14.
private func photo(_ colour: (Int) -> UInt8) -> PixelImage {
    var image = PixelImage(width: 200, height: 100, filledWith: [255, 255, 255])
    for y in 22..<78 {
        for x in 44..<156 {
            for channel in 0..<3 { image[x: x, y: y, channel: channel] = colour(x - 44) }
        }
    }
    return image
}

/// Row `y` of a prepared 28 × 28 image.
private func row(_ prepared: PreparedDigit, _ y: Int) -> [UInt8] { Array(prepared.pixels[y * 28..<(y + 1) * 28]) }

/// Fashion-MNIST's conversion of a product photo (Xiao, Rasul and Vollgraf 2017).
@Suite struct ProductPhotoPreprocessorTests {
    /// Trimmed to the subject, its longest edge scaled to 28, centred on the shortest, negated.
    @Test func trimsScalesExtendsAndNegates() throws {
        let prepared = try ProductPhotoPreprocessor.prepare(photo { _ in 40 }, name: "bag.png")
        #expect(prepared.inkBox.x == 44..<156 && prepared.inkBox.y == 22..<78)
        #expect(prepared.darkInkOnLightPaper)
        // 14 rows of subject, centred: 7 rows of background (white, negated to 0) above and below.
        for y in 0..<28 {
            #expect(row(prepared, y) == [UInt8](repeating: (7..<21).contains(y) ? 255 - 40 : 0, count: 28), "row \(y)")
        }
    }

    /// The unsharp mask leaves flat areas alone and steepens an outline on both sides.
    @Test func sharpensOutlines() throws {
        let prepared = try ProductPhotoPreprocessor.prepare(photo { $0 < 56 ? 40 : 120 }, name: "shoe.png")
        let middle = row(prepared, 14)
        #expect(middle[0] == 255 - 40 && middle[27] == 255 - 120)
        #expect(middle[13] > 255 - 40, "the dark side of the outline darkens (lighter once negated): \(middle)")
        #expect(middle[14] < 255 - 120, "the light side lightens: \(middle)")
    }

    /// Transparent parts count as the white background of product photos.
    @Test func transparentPartsAreWhite() throws {
        var image = PixelImage(width: 200, height: 100, filledWith: [0, 0, 0, 0])
        for y in 22..<78 {
            for x in 44..<156 { image[x: x, y: y, channel: 3] = 255 }
        }
        let prepared = try ProductPhotoPreprocessor.prepare(image, name: "cut-out.png")
        #expect(row(prepared, 0) == [UInt8](repeating: 0, count: 28))
        #expect(row(prepared, 14) == [UInt8](repeating: 255, count: 28))
    }

    @Test func aPhotoOfOneColourOrTooSmallIsRefused() {
        let plain = PixelImage(width: 64, height: 64, filledWith: [200, 180, 160])
        #expect(throws: DigitImageError.noSubject("plain.png")) {
            try ProductPhotoPreprocessor.prepare(plain, name: "plain.png")
        }
        #expect(
            DigitImageError.noSubject("plain.png").description
                == "plain.png is a single colour (every pixel within 5% of its corner's), so there is nothing to recognize: photograph the item on a plain background that differs from it."
        )
        let tiny = PixelImage(width: 4, height: 20, filledWith: [0])
        #expect(throws: DigitImageError.tooSmall("tiny.png", width: 4, height: 20, minimum: 8)) {
            try ProductPhotoPreprocessor.prepare(tiny, name: "tiny.png")
        }
    }

    /// Each data set's preparation is its own.
    @Test func eachDataSetPreparesImagesItsWay() throws {
        let image = photo { _ in 40 }
        #expect(
            try DataSet.fashion.imagePreparation.prepare(image, name: "a")
                == ProductPhotoPreprocessor.prepare(image, name: "a"))
        #expect(
            try DataSet.kmnist.imagePreparation.prepare(image, name: "a") == DigitPreprocessor.prepare(image, name: "a")
        )
        #expect(
            try DataSet.mnist.imagePreparation.prepare(image, name: "a") == DigitPreprocessor.prepare(image, name: "a"))
    }
}
