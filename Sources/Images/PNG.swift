internal import CPNG
import Foundation

/// PNG through libpng's simplified API.
public enum PNG {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The image as an 8-bit PNG with as many channels as it has.
    public static func encode(_ image: PixelImage) throws(ImageError) -> Data {
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        header.width = UInt32(image.width)
        header.height = UInt32(image.height)
        header.format = format(channels: image.channels)
        var failure: String?
        let encoded: Data = image.pixels.withUnsafeBytes { pixels in
            // The first call only measures; the second writes into a buffer of that size.
            var size = 0
            guard png_image_write_to_memory(&header, nil, &size, 0, pixels.baseAddress, 0, nil) != 0 else {
                failure = message(of: header)
                return Data()
            }
            var buffer = Data(count: size)
            let written = buffer.withUnsafeMutableBytes { output in
                png_image_write_to_memory(&header, output.baseAddress, &size, 0, pixels.baseAddress, 0, nil)
            }
            guard written != 0 else {
                failure = message(of: header)
                return Data()
            }
            return buffer.prefix(size)
        }
        if let failure { throw .cannotEncode(.png, reason: failure) }
        return encoded
    }

    /// Writes the image as a PNG file, atomically (a temporary file, then a rename).
    public static func write(_ image: PixelImage, to url: URL) throws(ImageError) {
        try ImageFile.writeAtomically(try encode(image), to: url)
    }

    /// Decodes any PNG (gray, gray + alpha, RGB, RGBA or palette; 1 to 16 bits per sample)
    /// into 8-bit sRGB samples, keeping alpha when the file has any. Throws `.tooLarge`, from
    /// the header alone, when it holds more than `pixelLimit` pixels.
    public static func decode(_ bytes: Data, name: String, pixelLimit: Int = ImageFile.defaultPixelLimit)
        throws(ImageError) -> PixelImage
    {
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        let result: Result<PixelImage, ImageError> = bytes.withUnsafeBytes { file in
            guard png_image_begin_read_from_memory(&header, file.baseAddress, file.count) != 0 else {
                return .failure(.corrupt(name, format: .png, reason: message(of: header)))
            }
            let width = Int(header.width)
            let height = Int(header.height)
            do throws(ImageError) {
                try ImageFile.checkSize(width: width, height: height, name: name, pixelLimit: pixelLimit)
            } catch {
                png_image_free(&header)
                return .failure(error)
            }
            // Ask for 8-bit samples (no LINEAR flag) and no colour map: palettes expand.
            let channels =
                (header.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1)
                + (header.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
            header.format = format(channels: channels)
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            // On failure png_image_finish_read releases its state itself.
            let finished = pixels.withUnsafeMutableBytes { buffer in
                png_image_finish_read(&header, nil, buffer.baseAddress, 0, nil)
            }
            guard finished != 0 else {
                return .failure(.corrupt(name, format: .png, reason: message(of: header)))
            }
            return .success(PixelImage(width: width, height: height, channels: channels, pixels: pixels))
        }
        return try result.get()
    }

    /// The simplified API's format code for 8-bit samples with this many channels.
    private static func format(channels: Int) -> UInt32 {
        (channels >= 3 ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (channels % 2 == 0 ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
    }

    /// libpng's explanation of the last failure.
    private static func message(of header: png_image) -> String {
        withUnsafeBytes(of: header.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
