import Foundation
import Testing

@testable import Images

@Suite struct ExifOrientationTests {
    /// The 3×2 image `a b c / d e f` turned upright by each orientation, worked out by hand.
    static let turned: [(ExifOrientation, Int, [Character])] = [
        (.upright, 3, Array("abcdef")),
        (.mirrored, 3, Array("cbafed")),
        (.upsideDown, 3, Array("fedcba")),
        (.upsideDownMirrored, 3, Array("defabc")),
        (.transposed, 2, Array("adbecf")),
        (.rotatedClockwise, 2, Array("daebfc")),
        (.transverse, 2, Array("fcebda")),
        (.rotatedCounterclockwise, 2, Array("cfbead")),
    ]

    @Test(arguments: 0..<turned.count)
    func turnsTheImageUpright(index: Int) {
        let (orientation, width, expected) = Self.turned[index]
        // Two channels, the second a copy, to check that channels move together.
        let letters = Array("abcdef").map { UInt8($0.asciiValue!) }
        let image = PixelImage(width: 3, height: 2, channels: 2, pixels: letters.flatMap { [$0, $0] })
        let upright = orientation.apply(to: image)
        #expect(upright.width == width && upright.height == 6 / width)
        #expect(
            upright.pixels == expected.flatMap { [UInt8($0.asciiValue!), UInt8($0.asciiValue!)] }, "\(orientation)")
    }

    /// An APP1 segment holding Exif with one tag, orientation, in either byte order.
    func exifSegment(orientation: Int, littleEndian: Bool) -> [UInt8] {
        func bytes(_ value: Int, _ size: Int) -> [UInt8] {
            let bigEndian = (0..<size).map { UInt8(value >> (8 * (size - 1 - $0)) & 0xFF) }
            return littleEndian ? bigEndian.reversed() : bigEndian
        }
        let tiff =
            (littleEndian ? Array("II".utf8) : Array("MM".utf8)) + bytes(42, 2) + bytes(8, 4)
            + bytes(1, 2) + bytes(0x0112, 2) + bytes(3, 2) + bytes(1, 4) + bytes(orientation, 2) + [0, 0] + bytes(0, 4)
        let body = Array("Exif\0\0".utf8) + tiff
        return [0xFF, 0xE1, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
    }

    /// A camera JPEG stored sideways (left half black, right half white) with orientation 6
    /// decodes upright: turned clockwise, the black half is on top.
    @Test(arguments: [true, false])
    func jpegDecodesUpright(littleEndian: Bool) throws {
        var stored = PixelImage(width: 32, height: 16, filledWith: [255])
        for y in 0..<16 { for x in 0..<16 { stored[x: x, y: y] = 0 } }
        let plain = try JPEG.encode(stored)
        let tagged = Data(
            plain.prefix(2) + exifSegment(orientation: 6, littleEndian: littleEndian) + plain.dropFirst(2))
        #expect(ExifOrientation(jpeg: tagged) == .rotatedClockwise)
        let upright = try JPEG.decode(tagged, name: "phone.jpg")
        #expect(upright.width == 16 && upright.height == 32)
        let top = upright.pixels[0..<(16 * 16)].map(Int.init).reduce(0, +) / 256
        let bottom = upright.pixels[(16 * 16)...].map(Int.init).reduce(0, +) / 256
        #expect(top < 10 && bottom > 245, "top \(top), bottom \(bottom)")
    }

    @Test func missingOrDamagedExifLeavesTheImageAsStored() throws {
        let plain = try JPEG.encode(PixelImage(width: 8, height: 4, filledWith: [128]))
        #expect(ExifOrientation(jpeg: plain) == nil)
        #expect(try JPEG.decode(plain, name: "plain.jpg").width == 8)
        // An Exif segment cut short inside its directory, and one with orientation 9.
        var cut = exifSegment(orientation: 6, littleEndian: false)
        cut.removeLast(12)
        cut[3] = UInt8(cut.count - 2)
        #expect(ExifOrientation(jpeg: Data(plain.prefix(2) + cut + plain.dropFirst(2))) == nil)
        let nine = Data(plain.prefix(2) + exifSegment(orientation: 9, littleEndian: true) + plain.dropFirst(2))
        #expect(ExifOrientation(jpeg: nine) == nil)
        #expect(try JPEG.decode(nine, name: "nine.jpg").width == 8)
    }
}
