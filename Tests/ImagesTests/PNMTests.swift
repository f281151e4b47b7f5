import Foundation
import Testing

@testable import Images

@Suite struct PNMTests {
    /// The same 3×2 gray image in every PGM variant: plain and binary, 8 and 16 bits, with
    /// comments and odd whitespace in the header.
    static let gray: [UInt8] = [0, 128, 255, 10, 20, 30]

    @Test func plainPGM() throws {
        let text = "P2\n# made by hand\n3 2\n255\n0 128 255\n10  20\t30\n"
        #expect(
            try PNM.decode(Data(text.utf8), name: "a.pgm")
                == PixelImage(width: 3, height: 2, channels: 1, pixels: Self.gray))
    }

    @Test func binaryPGM() throws {
        let bytes = Data("P5 3 2 # size\n255\n".utf8) + Data(Self.gray)
        #expect(try PNM.decode(bytes, name: "a.pgm") == PixelImage(width: 3, height: 2, channels: 1, pixels: Self.gray))
    }

    /// Samples out of 65535, two bytes big-endian each, scaled to 0-255 with rounding.
    @Test func sixteenBitBinaryPGM() throws {
        let samples: [UInt16] = [0, 32896, 65535, 2570, 5140, 7710]
        let bytes = Data("P5\n3 2\n65535\n".utf8) + Data(samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(try PNM.decode(bytes, name: "a.pgm") == PixelImage(width: 3, height: 2, channels: 1, pixels: Self.gray))
    }

    @Test func plainPPMWithSmallMaximum() throws {
        // Maximum 4: 0, 1, 2, 3, 4 become 0, 64, 128, 191, 255.
        let text = "P3 2 1 4\n0 1 2  3 4 0\n"
        #expect(
            try PNM.decode(Data(text.utf8), name: "a.ppm")
                == PixelImage(width: 2, height: 1, channels: 3, pixels: [0, 64, 128, 191, 255, 0]))
    }

    @Test func binaryPPM() throws {
        let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7]
        let bytes = Data("P6\n2 2\n255\n".utf8) + Data(rgb)
        #expect(try PNM.decode(bytes, name: "a.ppm") == PixelImage(width: 2, height: 2, channels: 3, pixels: rgb))
        #expect(try ImageFile.decode(bytes, name: "a.ppm").channels == 3)
    }

    /// Each damaged file, with a phrase its error must contain.
    static let damaged: [(String, Data, String)] = [
        ("no size", Data("P5\n".utf8), "header"),
        ("size not numeric", Data("P2 three 2 255\n".utf8), "header"),
        ("zero width", Data("P5 0 2 255\n".utf8), "the size is 0×2"),
        ("maximum too large", Data("P5 2 2 70000\n".utf8), "maximum value 70000"),
        (
            "binary data cut short", Data("P5 3 2 255\n".utf8) + Data([1, 2, 3]),
            "truncated: 6 bytes of pixels expected, 3 present"
        ),
        ("16-bit data cut short", Data("P5 2 1 1000\n".utf8) + Data([0, 1, 0]), "truncated: 4 bytes"),
        ("no pixel data at all", Data("P6 1 1 255".utf8), "pixel data is missing"),
        ("plain data cut short", Data("P2 2 2 255\n1 2 3".utf8), "sample 3 of 4 is missing"),
        ("sample above maximum", Data("P2 2 1 100\n1 101\n".utf8), "sample 1 is 101, above the maximum 100"),
        (
            "binary sample above maximum", Data("P5 2 1 1000\n".utf8) + Data([0x03, 0xE8, 0x03, 0xE9]),
            "sample 1 is 1001"
        ),
        ("garbage in the samples", Data("P3 1 1 255\n1 2 x\n".utf8), "sample 2 of 3"),
    ]

    @Test(arguments: 0..<damaged.count)
    func damagedFilesAreCorrupt(index: Int) {
        let (label, bytes, phrase) = Self.damaged[index]
        #expect("\(label)") {
            try ImageFile.decode(bytes, name: "bad.pgm")
        } throws: { error in
            guard case let .corrupt(name, .pnm, reason) = error as? ImageError else { return false }
            return name == "bad.pgm" && reason.contains(phrase)
        }
    }

    @Test func oversizedHeaderIsRefusedBeforeReadingPixels() {
        #expect(throws: ImageError.tooLarge("big.pgm", width: 10000, height: 6000, pixelLimit: 50_000_000)) {
            try ImageFile.decode(Data("P5 10000 6000 255\n".utf8), name: "big.pgm")
        }
    }
}
