import Foundation
import Images
import NeuralNet
import TestSupport
import Testing

@testable import MNIST

@Suite struct DigitPreprocessorTests {
    /// A `width × height` gray canvas of `paper` with an ink rectangle of `ink`.
    func canvas(width: Int, height: Int, paper: UInt8, ink: UInt8, rectangle: (x: Range<Int>, y: Range<Int>))
        -> PixelImage
    {
        var image = PixelImage(width: width, height: height, filledWith: [paper])
        for y in rectangle.y { for x in rectangle.x { image[x: x, y: y] = ink } }
        return image
    }

    /// A 30×60 ink block becomes a 10×20 block (the longer side fitted to 20, the aspect
    /// kept), centred: its centre of mass at (14.5, 14.5), as near (14, 14) as whole-pixel
    /// shifts allow.
    @Test func fitsTheInkTo20PixelsAndCentresIt() throws {
        let image = canvas(width: 300, height: 200, paper: 255, ink: 0, rectangle: (40..<70, 100..<160))
        let digit = try DigitPreprocessor.prepare(image, name: "block")
        #expect(digit.darkInkOnLightPaper)
        #expect(digit.inkBox.x == 40..<70 && digit.inkBox.y == 100..<160)
        for y in 0..<28 {
            for x in 0..<28 {
                let inside = (10..<20).contains(x) && (5..<25).contains(y)
                #expect(digit.pixels[y * 28 + x] == (inside ? 255 : 0), "pixel (\(x), \(y))")
            }
        }
    }

    @Test func darkOnLightAndLightOnDarkGiveTheSameDigit() throws {
        let digit = try #require(Self.testDigits?.first)
        let lightOnDark = PixelImage(width: 28, height: 28, channels: 1, pixels: digit)
        let darkOnLight = PixelImage(width: 28, height: 28, channels: 1, pixels: digit.map { 255 - $0 })
        let a = try DigitPreprocessor.prepare(lightOnDark, name: "a")
        let b = try DigitPreprocessor.prepare(darkOnLight, name: "b")
        #expect(a.pixels == b.pixels)
        #expect(!a.darkInkOnLightPaper && b.darkInkOnLightPaper)
    }

    /// The MNIST test digits are already what the preprocessing makes; they come out nearly
    /// as they went in.
    @Test func mnistDigitsComeOutNearlyUnchanged() throws {
        guard let digits = Self.testDigits else { return print("skipping: no ../shared/mnist") }
        var total = 0.0
        var worst = 0.0
        for digit in digits.prefix(300) {
            let prepared = try DigitPreprocessor.prepare(
                PixelImage(width: 28, height: 28, channels: 1, pixels: digit), name: "mnist")
            let difference = Double(zip(prepared.pixels, digit).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / 784
            total += difference
            worst = max(worst, difference)
        }
        print(
            "MNIST digits through the preprocessing: mean absolute difference \(total / 300) of 255 per pixel, worst image \(worst)"
        )
        #expect(total / 300 < 0.5)
        #expect(worst < 25)
    }

    /// The same digit anywhere on a canvas gives the same input.
    @Test func positionOnTheCanvasDoesNotMatter() throws {
        let digit = try #require(Self.testDigits?[1])
        var results: [[UInt8]] = []
        for (left, top) in [(0, 0), (70, 13), (150, 90)] {
            var image = PixelImage(width: 200, height: 130, filledWith: [255])
            for y in 0..<28 { for x in 0..<28 { image[x: left + x, y: top + y] = 255 - digit[y * 28 + x] } }
            results.append(try DigitPreprocessor.prepare(image, name: "shifted").pixels)
        }
        #expect(results[0] == results[1] && results[1] == results[2])
    }

    /// A drawing on a transparent canvas: the transparent parts become paper whatever colour
    /// the strokes are, so black and white strokes give the same digit as black on white.
    @Test func transparentCanvasBecomesPaper() throws {
        let digit = try #require(Self.testDigits?[2])
        let reference = try DigitPreprocessor.prepare(
            PixelImage(width: 28, height: 28, channels: 1, pixels: digit.map { 255 - $0 }), name: "reference")
        for stroke: UInt8 in [0, 255] {
            // RGBA strokes of one colour whose alpha is the ink; the colour under alpha 0 is
            // the opposite one, to show that it is ignored.
            var pixels: [UInt8] = []
            for ink in digit {
                pixels += [
                    ink == 0 ? 255 - stroke : stroke, ink == 0 ? 255 - stroke : stroke,
                    ink == 0 ? 255 - stroke : stroke, ink,
                ]
            }
            let prepared = try DigitPreprocessor.prepare(
                PixelImage(width: 28, height: 28, channels: 4, pixels: pixels), name: "rgba")
            #expect(prepared.pixels == reference.pixels, "strokes of \(stroke)")
            var grayAlpha: [UInt8] = []
            for ink in digit { grayAlpha += [stroke, ink] }
            #expect(
                try DigitPreprocessor.prepare(
                    PixelImage(width: 28, height: 28, channels: 2, pixels: grayAlpha), name: "ga"
                ).pixels == reference.pixels)
        }
    }

    /// Grain on a gray photo of paper (±12 levels) is not ink: the box is the drawn block's,
    /// and the field outside the digit stays 0.
    @Test func paperGrainIsIgnored() throws {
        var generator = RandomGenerator(seed: 8)
        var image = PixelImage(width: 160, height: 120, filledWith: [190])
        for y in 0..<120 {
            for x in 0..<160 {
                let grain = Int(generator.next() % 25) - 12
                let base = (50..<80).contains(x) && (30..<90).contains(y) ? 60 : 190
                image[x: x, y: y] = UInt8(base + grain)
            }
        }
        let digit = try DigitPreprocessor.prepare(image, name: "grain")
        #expect(digit.inkBox.x == 50..<80 && digit.inkBox.y == 30..<90)
        // A solid 10×20 block (where the grain puts its centre of mass decides the column)
        // and nothing else.
        let inked = (0..<784).filter { digit.pixels[$0] > 0 }
        #expect(inked.count == 200)
        #expect(inked.allSatisfy { digit.pixels[$0] > 200 })
        #expect(Set(inked.map { $0 / 28 }) == Set(5..<25))
        #expect(Set(inked.map { $0 % 28 }).count == 10)
    }

    /// A 6-megapixel photo with a stroke as thin as MNIST's thinnest: decoded and reduced to
    /// 28×28 in one pass (thinner strokes are thickened first: StrokeWidthTests).
    @Test func largeImagesAreReducedByAreaAveraging() throws {
        var image = PixelImage(width: 3000, height: 2000, filledWith: [255])
        for y in 500..<1500 { for x in 1000..<1100 { image[x: x, y: y] = 0 } }
        let digit = try DigitPreprocessor.prepare(image, name: "big")
        // 100×1000 becomes 2×20: a two-pixel column at full ink, centred as near (14, 14.5) as whole pixels allow.
        #expect(digit.inkBox.x == 1000..<1100 && digit.inkBox.y == 500..<1500)
        let inked = (0..<784).filter { digit.pixels[$0] > 0 }
        let columns = Set(inked.map { $0 % 28 })
        #expect(inked.count == 40 && inked.allSatisfy { digit.pixels[$0] == 255 })
        // The centre of mass falls on a half pixel each way, which rounding may take either way.
        let rows = Set(inked.map { $0 / 28 })
        #expect(rows == Set(5..<25) || rows == Set(4..<24), "\(rows)")
        #expect(columns == [13, 14] || columns == [14, 15], "\(columns)")
    }

    @Test(arguments: [(1, 1), (7, 100), (100, 3)])
    func tooSmallImagesAreRefused(width: Int, height: Int) {
        #expect(throws: DigitImageError.tooSmall("tiny.png", width: width, height: height, minimum: 8)) {
            try DigitPreprocessor.prepare(PixelImage(width: width, height: height, filledWith: [0]), name: "tiny.png")
        }
        #expect(
            DigitImageError.tooSmall("tiny.png", width: 1, height: 1, minimum: 8).description
                == "tiny.png is only 1×1 pixels; a digit image needs at least 8×8.")
    }

    /// Blank pages: white, black, gray with faint grain, and a faint smudge of 20 levels.
    @Test func blankImagesHaveNoInk() {
        var grain = RandomGenerator(seed: 1)
        var smudged = PixelImage(width: 50, height: 50, filledWith: [230])
        for y in 20..<30 { for x in 20..<30 { smudged[x: x, y: y] = 210 } }
        let blanks = [
            PixelImage(width: 100, height: 80, filledWith: [255, 255, 255]),
            PixelImage(width: 100, height: 80, filledWith: [0]),
            PixelImage(
                width: 60, height: 60, channels: 1, pixels: (0..<3600).map { _ in UInt8(120 + grain.next() % 9) }),
            smudged,
            PixelImage(width: 30, height: 30, filledWith: [0, 0, 0, 0]),
        ]
        for blank in blanks {
            #expect(throws: DigitImageError.noInk("blank.png")) {
                try DigitPreprocessor.prepare(blank, name: "blank.png")
            }
        }
    }

    /// The first test-set digits, or nil without the MNIST data.
    static let testDigits: [[UInt8]]? = {
        guard let mirror = Fixtures.sharedMNIST, let test = try? MNISTDirectory(mirror).testSet() else { return nil }
        return (0..<test.count).map { Array(test.pixels[$0 * 784..<($0 + 1) * 784]) }
    }()
}
