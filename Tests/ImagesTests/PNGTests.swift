import CPNG
import Foundation
import TestSupport
import Testing

@testable import Images

@Suite struct PNGTests {
    @Test(arguments: 1...4)
    func encodesAndDecodesEveryChannelCountExactly(channels: Int) throws {
        let image = TestImages.pattern(width: 13, height: 7, channels: channels)
        let bytes = try PNG.encode(image)
        #expect(bytes.starts(with: PNG.signature))
        #expect(ImageFormat(detecting: bytes) == .png)
        #expect(try PNG.decode(bytes, name: "t.png") == image)
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let folder = Fixtures.temporaryDirectory("png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.png")
        try Data("old content".utf8).write(to: file)
        let image = TestImages.pattern(width: 5, height: 9, channels: 3)
        try PNG.write(image, to: file)
        #expect(try ImageFile.read(file) == image)
        // Only the final file remains: no temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.png"])
    }

    @Test func writeIntoAMissingFolderNamesTheFile() throws {
        let image = TestImages.pattern(width: 2, height: 2, channels: 1)
        #expect {
            try PNG.write(image, to: URL(fileURLWithPath: "/nonexistent/folder/out.png"))
        } throws: { error in
            guard case let .cannotWrite(name, _) = error as? ImageError else { return false }
            return name == "/nonexistent/folder/out.png"
        }
    }

    /// A palette PNG (with a transparent entry) written by libpng's colour-map format.
    @Test func palettesExpandToTheirColours() throws {
        let palette: [[UInt8]] = [[255, 0, 0, 255], [0, 0, 255, 128], [10, 20, 30, 0]]
        let indices: [UInt8] = [0, 1, 2, 1, 0, 2]
        let bytes = try libpngWrite(
            width: 3, height: 2,
            format: UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLORMAP),
            pixels: indices, colormap: palette.flatMap { $0 }, colormapEntries: 3)
        let image = try PNG.decode(bytes, name: "palette.png")
        #expect(image.width == 3 && image.height == 2 && image.channels == 4)
        for (index, entry) in indices.enumerated() {
            let pixel = Array(image.pixels[index * 4..<index * 4 + 4])
            let expected = palette[Int(entry)]
            // libpng may store a fully transparent entry's colour as 0: compare alpha alone there.
            #expect(pixel[3] == expected[3])
            if expected[3] != 0 { #expect(pixel == expected) }
        }
    }

    /// 16-bit PNGs, written as libpng's linear-light format: 0 and full scale are exact, and
    /// half-intensity light is 186 in 8-bit (libpng encodes with sRGB's gamma-2.2
    /// approximation: 255 · 0.5^(1/2.2) = 186.1).
    @Test(arguments: [1, 2, 3, 4])
    func sixteenBitSamplesBecomeEightBitSRGB(channels: Int) throws {
        var flags = UInt32(PNG_FORMAT_FLAG_LINEAR)
        if channels >= 3 { flags |= UInt32(PNG_FORMAT_FLAG_COLOR) }
        if channels % 2 == 0 { flags |= UInt32(PNG_FORMAT_FLAG_ALPHA) }
        // Three pixels: black, half-intensity, white; alpha (when present) opaque.
        var samples: [UInt16] = []
        for level: UInt16 in [0, 32768, 65535] {
            for c in 0..<channels { samples.append(channels % 2 == 0 && c == channels - 1 ? 65535 : level) }
        }
        let bytes = try samples.withUnsafeBytes { raw in
            try libpngWrite(width: 3, height: 1, format: flags, pixels: Array(raw), colormap: [], colormapEntries: 0)
        }
        let image = try PNG.decode(bytes, name: "16bit.png")
        #expect(image.channels == channels)
        let colour = channels >= 3 ? 3 : 1
        for (x, expected) in [(0, 0), (1, 186), (2, 255)] {
            for c in 0..<colour {
                #expect(abs(Int(image[x: x, y: 0, channel: c]) - expected) <= 1, "pixel \(x) channel \(c)")
            }
            if image.hasAlpha { #expect(image[x: x, y: 0, channel: channels - 1] == 255) }
        }
    }

    @Test func truncatedFileIsCorrupt() throws {
        let bytes = try PNG.encode(TestImages.pattern(width: 40, height: 40, channels: 3))
        for length in [20, 40, bytes.count / 2, bytes.count - 13] {
            #expect {
                try PNG.decode(bytes.prefix(length), name: "cut.png")
            } throws: { error in
                guard case let .corrupt(name, format, reason) = error as? ImageError else { return false }
                return name == "cut.png" && format == .png && !reason.isEmpty
            }
        }
    }

    /// A 4×4 PNG whose IHDR is patched to claim 8000×8000 pixels: the size is refused from
    /// the header, before the (far too short) pixel data is read or any memory is allocated.
    @Test func oversizedHeaderIsRefusedBeforeDecoding() throws {
        var bytes = try PNG.encode(TestImages.pattern(width: 4, height: 4, channels: 1))
        bytes.setBigEndian(8000, at: 16)
        bytes.setBigEndian(8000, at: 20)
        bytes.setBigEndian(crc32(bytes[bytes.startIndex + 12..<bytes.startIndex + 29]), at: 29)
        #expect(throws: ImageError.tooLarge("big.png", width: 8000, height: 8000, pixelLimit: 50_000_000)) {
            try PNG.decode(bytes, name: "big.png")
        }
        #expect(
            ImageError.tooLarge("big.png", width: 8000, height: 8000, pixelLimit: 50_000_000).description
                == "big.png is 8000×8000 pixels, over the limit of 50 megapixels; scale it down first.")
    }

    /// Writes a PNG with libpng's simplified API in any of its formats.
    private func libpngWrite(
        width: Int, height: Int, format: UInt32, pixels: [UInt8], colormap: [UInt8], colormapEntries: Int
    ) throws -> Data {
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        header.width = UInt32(width)
        header.height = UInt32(height)
        header.format = format
        header.colormap_entries = UInt32(colormapEntries)
        var size = 0
        var buffer = Data(count: 1 << 16)
        let status = buffer.withUnsafeMutableBytes { output in
            size = output.count
            return png_image_write_to_memory(
                &header, output.baseAddress, &size, 0, pixels, 0, colormap.isEmpty ? nil : colormap)
        }
        try #require(status != 0, "libpng could not write the test file")
        return buffer.prefix(size)
    }
}
