import Foundation

/// Netpbm gray (PGM: P2 plain, P5 binary) and colour (PPM: P3 plain, P6 binary) images with
/// any maximum value up to 65535, read by hand. Samples are scaled to 0-255.
public enum PNM {
    /// Decodes a PGM or PPM file into a 1-channel (gray) or 3-channel (RGB) image; `name` names the source
    /// in errors. Throws `.tooLarge`, from the header alone, when it holds more than `pixelLimit` pixels,
    /// and `.corrupt` for a bad header, a sample above the maximum or too few samples.
    public static func decode(_ bytes: Data, name: String, pixelLimit: Int = ImageFile.defaultPixelLimit)
        throws(ImageError) -> PixelImage
    {
        var reader = Reader(bytes: [UInt8](bytes))
        func corrupt(_ reason: String) -> ImageError { .corrupt(name, format: .pnm, reason: reason) }

        guard reader.bytes.count >= 2, reader.bytes[0] == UInt8(ascii: "P"),
            let kind = [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].firstIndex(
                of: reader.bytes[1])
        else {
            throw corrupt("it does not start with P2, P3, P5 or P6")
        }
        reader.position = 2
        let channels = kind % 2 == 0 ? 1 : 3
        let binary = kind >= 2
        guard let width = reader.headerNumber(), let height = reader.headerNumber(),
            let maximum = reader.headerNumber()
        else {
            throw corrupt("the header (width, height, maximum value) is incomplete or not numeric")
        }
        guard width > 0, height > 0 else { throw corrupt("the size is \(width)×\(height)") }
        guard (1...65535).contains(maximum) else { throw corrupt("the maximum value \(maximum) is not 1 to 65535") }
        try ImageFile.checkSize(width: width, height: height, name: name, pixelLimit: pixelLimit)

        let count = width * height * channels
        var pixels = [UInt8](repeating: 0, count: count)
        let scale = { (value: Int) in UInt8((value * 255 + maximum / 2) / maximum) }
        if binary {
            // Exactly one whitespace byte separates the header from the samples.
            guard reader.position < reader.bytes.count, reader.isSpace(reader.bytes[reader.position]) else {
                throw corrupt("the pixel data is missing")
            }
            reader.position += 1
            let sampleSize = maximum > 255 ? 2 : 1
            guard reader.bytes.count - reader.position >= count * sampleSize else {
                throw corrupt(
                    "the file is truncated: \(count * sampleSize) bytes of pixels expected, \(reader.bytes.count - reader.position) present"
                )
            }
            for index in 0..<count {
                let at = reader.position + index * sampleSize
                let value =
                    sampleSize == 2 ? Int(reader.bytes[at]) << 8 | Int(reader.bytes[at + 1]) : Int(reader.bytes[at])
                guard value <= maximum else {
                    throw corrupt("sample \(index) is \(value), above the maximum \(maximum)")
                }
                pixels[index] = scale(value)
            }
        } else {
            for index in 0..<count {
                guard let value = reader.number() else {
                    throw corrupt(
                        "the file is truncated or damaged: sample \(index) of \(count) is missing or not a number")
                }
                guard value <= maximum else {
                    throw corrupt("sample \(index) is \(value), above the maximum \(maximum)")
                }
                pixels[index] = scale(value)
            }
        }
        return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// A cursor over the file's bytes that reads whitespace-separated decimal numbers.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

        /// The next number in the header, where `#` starts a comment that runs to the end of
        /// the line.
        mutating func headerNumber() -> Int? {
            while position < bytes.count {
                if isSpace(bytes[position]) {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                } else {
                    break
                }
            }
            return digits()
        }

        /// The next whitespace-separated number.
        mutating func number() -> Int? {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            return digits()
        }

        /// A run of decimal digits (at most 9, plenty for any valid field), which must end
        /// at whitespace, a comment or the end of the file.
        private mutating func digits() -> Int? {
            var value = 0
            var length = 0
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                guard length < 9 else { return nil }
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
                length += 1
            }
            guard length > 0 else { return nil }
            if position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "#") { return nil }
            return value
        }
    }
}
