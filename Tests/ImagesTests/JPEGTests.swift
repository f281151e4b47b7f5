import Foundation
import Testing

@testable import Images

@Suite struct JPEGTests {
    @Test(arguments: [1, 3])
    func encodesAndDecodesCloseToTheOriginal(channels: Int) throws {
        let image = TestImages.gradient(width: 48, height: 32, channels: channels)
        let bytes = try JPEG.encode(image, quality: 95)
        #expect(ImageFormat(detecting: bytes) == .jpeg)
        let decoded = try JPEG.decode(bytes, name: "t.jpg")
        #expect(decoded.width == 48 && decoded.height == 32 && decoded.channels == channels)
        #expect(TestImages.meanDifference(decoded, image) < 3, "JPEG at quality 95 stays close to a smooth image")
    }

    @Test func lowerQualityMeansSmallerFiles() throws {
        let image = TestImages.pattern(width: 64, height: 64, channels: 3)
        #expect(try JPEG.encode(image, quality: 30).count < JPEG.encode(image, quality: 95).count)
    }

    @Test func refusesAlphaAndBadQuality() {
        #expect(throws: ImageError.cannotEncode(.jpeg, reason: "JPEG holds gray or RGB images, not 4 channels")) {
            try JPEG.encode(TestImages.pattern(width: 2, height: 2, channels: 4))
        }
        #expect(throws: ImageError.cannotEncode(.jpeg, reason: "the quality must be 1 to 100, not 0")) {
            try JPEG.encode(TestImages.pattern(width: 2, height: 2, channels: 1), quality: 0)
        }
    }

    /// libjpeg only warns about a file that ends early (and fills the rest with gray); we
    /// report it. Cuts inside the header fail outright.
    @Test func truncatedFileIsCorrupt() throws {
        let bytes = try JPEG.encode(TestImages.pattern(width: 64, height: 64, channels: 3))
        for length in [3, 100, bytes.count / 2, bytes.count - 2] {
            #expect {
                try JPEG.decode(bytes.prefix(length), name: "cut.jpg")
            } throws: { error in
                guard case let .corrupt(name, format, reason) = error as? ImageError else { return false }
                return name == "cut.jpg" && format == .jpeg && !reason.isEmpty
            }
        }
        #expect(throws: ImageError.corrupt("cut.jpg", format: .jpeg, reason: "Premature end of JPEG file")) {
            try JPEG.decode(bytes.prefix(bytes.count / 2), name: "cut.jpg")
        }
    }

    @Test func garbageAfterTheMagicNumberIsCorrupt() {
        let bytes = Data([0xFF, 0xD8, 0xFF] + Array(repeating: 0x42, count: 200))
        #expect(throws: ImageError.self) { try JPEG.decode(bytes, name: "junk.jpg") }
        #expect {
            try ImageFile.decode(bytes, name: "junk.jpg")
        } throws: { error in
            guard case .corrupt(_, .jpeg, _) = error as? ImageError else { return false }
            return true
        }
    }

    /// A 16×16 JPEG whose frame header is patched to claim 10000×8000 pixels.
    @Test func oversizedHeaderIsRefusedBeforeDecoding() throws {
        var bytes = try JPEG.encode(TestImages.pattern(width: 16, height: 16, channels: 1))
        // The baseline frame header: FF C0, length (2), precision (1), height (2), width (2).
        let frame = try #require(bytes.firstRange(of: Data([0xFF, 0xC0]))).lowerBound
        bytes[frame + 5] = UInt8(8000 >> 8)
        bytes[frame + 6] = UInt8(8000 & 0xFF)
        bytes[frame + 7] = UInt8(10000 >> 8)
        bytes[frame + 8] = UInt8(10000 & 0xFF)
        #expect(throws: ImageError.tooLarge("big.jpg", width: 10000, height: 8000, pixelLimit: 50_000_000)) {
            try JPEG.decode(bytes, name: "big.jpg")
        }
    }
}
