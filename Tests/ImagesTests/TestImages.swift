import Foundation

@testable import Images

/// Small images with known content for the decoder tests.
enum TestImages {
    /// A `width × height` image whose every sample differs from its neighbours in a known way:
    /// sample (x, y, c) = (x · 37 + y · 11 + c · 71) mod 256.
    static func pattern(width: Int, height: Int, channels: Int) -> PixelImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { pixels.append(UInt8((x * 37 + y * 11 + c * 71) % 256)) }
            }
        }
        return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// A smooth image (gradients, no sharp edges), which JPEG reproduces closely.
    static func gradient(width: Int, height: Int, channels: Int) -> PixelImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { pixels.append(UInt8((x * 200 / width + y * 50 / height + c * 20) % 256)) }
            }
        }
        return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// The mean absolute difference of two images' samples.
    static func meanDifference(_ a: PixelImage, _ b: PixelImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }
}

/// The CRC-32 of PNG chunks (and gzip), bit by bit: enough for patching a test file's header.
func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

extension Data {
    /// Writes `value` big-endian at `offset`.
    mutating func setBigEndian(_ value: UInt32, at offset: Int) {
        for i in 0..<4 { self[startIndex + offset + i] = UInt8(value >> (24 - 8 * UInt32(i)) & 0xFF) }
    }
}
