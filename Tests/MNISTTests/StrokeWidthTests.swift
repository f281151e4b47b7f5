import Foundation
import Images
import NeuralNet
import TestSupport
import Testing

@testable import MNIST

/// Stroke-width normalization: thin strokes are thickened to MNIST's typical width before the
/// fit into 20×20; strokes as thick as MNIST's are left alone.
@Suite struct StrokeWidthTests {
    /// A white `side × side` canvas with a "7" drawn in black with a square pen of `pen` pixels:
    /// a bar across the top and a slanted stroke down from its right end.
    static func seven(side: Int, pen: Int) -> PixelImage {
        var image = PixelImage(width: side, height: side, filledWith: [255])
        func dab(_ x: Int, _ y: Int) {
            for v in y..<y + pen { for u in x..<x + pen { image[x: u, y: v] = 0 } }
        }
        let (left, right, top, bottom) = (side / 4, side * 3 / 4, side / 8, side * 7 / 8)
        for x in left...right { dab(x, top) }
        for y in top...bottom { dab(right - (y - top) * (right - left) / 2 / (bottom - top), y) }
        return image
    }

    /// The stroke width of a prepared digit, in its pixels, measured as the normalization does.
    static func width(of digit: PreparedDigit) -> Double {
        StrokeWidth.estimatedWidth(digit.pixels.map(Float.init), width: 28, height: 28, threshold: 128)
    }

    static func thickened(_ image: PixelImage) throws -> InkPlane? {
        let ink = InkImage(GrayImage(image))
        return StrokeWidth.thickened(ink, box: try #require(ink.boundingBox(threshold: 128)))
    }

    /// A bar of width w and length l measures 2·w·l / (2·l + 2·w).
    @Test func widthIsTwiceTheAreaOverThePerimeter() {
        var plane = [Float](repeating: 0, count: 50 * 120)
        for y in 10..<110 { for x in 20..<23 { plane[y * 50 + x] = 200 } }
        #expect(StrokeWidth.estimatedWidth(plane, width: 50, height: 120, threshold: 100) == 600.0 / 206)
        #expect(StrokeWidth.estimatedWidth(plane, width: 50, height: 120, threshold: 201) == 0)
    }

    /// The plane's fast paths (the bounding box by rows' maxima, the width counted inside that
    /// box, the stretch skipping paper eight values at a time) against the plain definitions,
    /// on thin- and thick-pen photos of MNIST digits and on planes of random ink and paper.
    @Test func fastPlanePathsMatchThePlainDefinitions() throws {
        var generator = RandomGenerator(seed: 14)
        var planes: [InkPlane] = []
        if let digits = DigitPreprocessorTests.testDigits {
            for (index, digit) in digits.prefix(20).enumerated() {
                let photo = DigitPhoto.render(digit, pen: index % 2 == 0 ? .thin : .thick, using: &generator)
                let ink = InkImage(GrayImage(photo))
                let box = try #require(ink.boundingBox(threshold: 128))
                planes.append(try #require(StrokeWidth.plane(ink, box: box)))
            }
        }
        for (width, height) in [(1, 1), (7, 3), (37, 29), (120, 120)] {
            let values = (0..<width * height).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : 0
            }
            planes.append(InkPlane(width: width, height: height, values: values))
        }
        for plane in planes {
            let inked: [Int] = (0..<plane.values.count).filter { plane.values[$0] >= 128 }
            let box = plane.boundingBox(threshold: 128)
            let columns: [Int] = inked.map { $0 % plane.width }
            let rows: [Int] = inked.map { $0 / plane.width }
            let expectedColumns: Range<Int>? = columns.min().map { $0..<(columns.max()! + 1) }
            let expectedRows: Range<Int>? = rows.first.map { $0..<(rows.last! + 1) }
            #expect(box?.x == expectedColumns)
            #expect(box?.y == expectedRows)
            // Every side of an inked pixel that does not touch another inked pixel.
            func isInked(_ x: Int, _ y: Int) -> Bool {
                (0..<plane.width).contains(x) && (0..<plane.height).contains(y) && plane[x: x, y: y] >= 128
            }
            var perimeter = 0
            for index in inked {
                let (x, y) = (index % plane.width, index / plane.width)
                let neighbours: [(Int, Int)] = [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
                perimeter += neighbours.filter { !isInked($0.0, $0.1) }.count
            }
            let expected: Double = perimeter == 0 ? 0 : 2 * Double(inked.count) / Double(perimeter)
            #expect(
                StrokeWidth.estimatedWidth(
                    plane.values, width: plane.width, height: plane.height, threshold: 128, box: box) == expected)
            #expect(
                StrokeWidth.estimatedWidth(plane.values, width: plane.width, height: plane.height, threshold: 128)
                    == expected)

            let floats: [Float] = plane.values.map { Float($0) / 3 }
            let peak: Float = floats.max() ?? 0
            let stretched: [UInt8]? = peak > 0 ? floats.map { UInt8(min(255, ($0 * 255 / peak).rounded())) } : nil
            #expect(StrokeWidth.stretchedToFullInk(floats) == stretched)
        }
    }

    /// One inked pixel dilated by a radius of 2 is the 13 pixels within distance 2.
    @Test func dilationSpreadsInkOverADisc() {
        var values = [UInt8](repeating: 0, count: 49)
        values[24] = 180
        let dilated = InkPlane(width: 7, height: 7, values: values).dilated(radius: 2).values
        let inked = (0..<49).filter { dilated[$0] > 0 }
        #expect(inked.count == 13)
        #expect(inked.allSatisfy { dilated[$0] == 180 })
        #expect(inked.allSatisfy { (($0 % 7) - 3) * (($0 % 7) - 3) + (($0 / 7) - 3) * (($0 / 7) - 3) <= 4 })
    }

    /// A 1-pixel pen on a large canvas (and a 1-pixel pencil "1" on gray paper) comes out with
    /// MNIST's stroke width (the middle half of MNIST measures 1.65 to 2.29), not as a faint
    /// line one pixel wide.
    @Test func onePixelLinesAreThickenedToMNISTWidth() throws {
        var pencil = PixelImage(width: 400, height: 300, filledWith: [170])
        for y in 40..<260 { pencil[x: 200, y: y] = 90 }
        for (name, image) in [("7", Self.seven(side: 300, pen: 1)), ("pencil 1", pencil)] {
            #expect(try Self.thickened(image) != nil, "\(name)")
            let digit = try DigitPreprocessor.prepare(image, name: name)
            #expect((1.5...2.6).contains(Self.width(of: digit)), "\(name): \(Self.width(of: digit))")
            #expect(digit.pixels.max() == 255)
        }
    }

    /// A stroke already as thick as MNIST's is not touched: the preparation takes the same path
    /// as without the normalization, and the width stays what the pen drew.
    @Test func thickStrokesAreLeftAlone() throws {
        for pen in [20, 30] {
            let image = Self.seven(side: 300, pen: pen)
            #expect(try Self.thickened(image) == nil, "pen \(pen)")
            let width = Self.width(of: try DigitPreprocessor.prepare(image, name: "7"))
            let drawn = Double(pen) * 20 / Double(300 * 7 / 8 - 300 / 8 + pen)  // the box is 225 + pen tall
            #expect(abs(width - drawn) < 0.6, "pen \(pen): drawn \(drawn), measured \(width)")
        }
    }

    /// MNIST's own test digits as thick-pen photos are (nearly) never thickened; as thin-pen
    /// photos they all are, and come out about as wide as the same digits drawn thick.
    @Test func photosOfMNISTDigits() throws {
        guard let digits = DigitPreprocessorTests.testDigits else { return print("skipping: no ../shared/mnist") }
        var thickened = 0
        var thickWidths: [Double] = []
        var thinWidths: [Double] = []
        for (index, digit) in digits.prefix(100).enumerated() {
            var generator = RandomGenerator(seed: UInt64(index))
            let thick = DigitPhoto.render(digit, pen: .thick, using: &generator)
            if try Self.thickened(thick) != nil { thickened += 1 }
            thickWidths.append(Self.width(of: try DigitPreprocessor.prepare(thick, name: "thick")))
            generator = RandomGenerator(seed: UInt64(index))
            let thin = DigitPhoto.render(digit, pen: .thin, using: &generator)
            #expect(try Self.thickened(thin) != nil, "thin-pen digit \(index)")
            thinWidths.append(Self.width(of: try DigitPreprocessor.prepare(thin, name: "thin")))
        }
        let p = { (xs: [Double], f: Double) in xs.sorted()[Int(f * Double(xs.count - 1))] }
        #expect(thickened <= 1, "\(thickened) of 100 thick-pen photos were thickened")
        let (thin, thick) = (p(thinWidths, 0.5), p(thickWidths, 0.5))
        #expect(
            thin >= 0.85 * thick && thin <= 1.2 * thick,
            "median widths after preparation: thin pen \(thin), thick \(thick)")
    }
}
