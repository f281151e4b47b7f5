internal import CJPEG
import Foundation

/// JPEG through libjpeg (libjpeg-turbo on Debian), via the error-catching calls of `CJPEG`.
public enum JPEG {
    /// The image (gray or RGB: JPEG has no alpha) as a baseline JPEG at `quality` (1-100).
    public static func encode(_ image: PixelImage, quality: Int = 90) throws(ImageError) -> Data {
        guard image.channels == 1 || image.channels == 3 else {
            throw .cannotEncode(.jpeg, reason: "JPEG holds gray or RGB images, not \(image.channels) channels")
        }
        guard (1...100).contains(quality) else {
            throw .cannotEncode(.jpeg, reason: "the quality must be 1 to 100, not \(quality)")
        }
        var message = [CChar](repeating: 0, count: Int(CJPEG_MESSAGE_LENGTH))
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            cjpeg_encode(
                pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels),
                Int32(quality), &output, &size, &message)
        }
        defer { free(output) }
        guard status == 0, let output else {
            throw .cannotEncode(.jpeg, reason: text(message))
        }
        return Data(bytes: output, count: Int(size))
    }

    /// Decodes a JPEG into 8-bit gray (for grayscale JPEGs) or RGB samples, turned upright as
    /// its Exif orientation says (as viewers show it). Throws `.tooLarge`,
    /// from the header alone, when it holds more than `pixelLimit` pixels, and `.corrupt` for
    /// damaged or truncated data (which libjpeg itself would only warn about).
    public static func decode(_ bytes: Data, name: String, pixelLimit: Int = ImageFile.defaultPixelLimit)
        throws(ImageError) -> PixelImage
    {
        var message = [CChar](repeating: 0, count: Int(CJPEG_MESSAGE_LENGTH))
        let result: Result<PixelImage, ImageError> = bytes.withUnsafeBytes { file in
            let data = file.bindMemory(to: UInt8.self).baseAddress
            var width: Int32 = 0
            var height: Int32 = 0
            var channels: Int32 = 0
            guard cjpeg_decode(data, UInt(file.count), &width, &height, &channels, nil, &message) == 0 else {
                return .failure(.corrupt(name, format: .jpeg, reason: text(message)))
            }
            do throws(ImageError) {
                try ImageFile.checkSize(width: Int(width), height: Int(height), name: name, pixelLimit: pixelLimit)
            } catch {
                return .failure(error)
            }
            var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * Int(channels))
            let status = pixels.withUnsafeMutableBufferPointer { buffer in
                cjpeg_decode(data, UInt(file.count), &width, &height, &channels, buffer.baseAddress, &message)
            }
            guard status == 0 else {
                return .failure(.corrupt(name, format: .jpeg, reason: text(message)))
            }
            let stored = PixelImage(width: Int(width), height: Int(height), channels: Int(channels), pixels: pixels)
            return .success(ExifOrientation(jpeg: bytes)?.apply(to: stored) ?? stored)
        }
        return try result.get()
    }

    /// libjpeg's message, without its trailing period (our errors add their own).
    private static func text(_ message: [CChar]) -> String {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
