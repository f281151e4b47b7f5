import Foundation

/// Reading an image file of any supported format.
public enum ImageFile {
    /// The largest image decoded by default: 50 megapixels (a large phone photo), checked
    /// against the header before any pixel memory is allocated.
    public static let defaultPixelLimit = 50_000_000

    /// The image in the file at `url`, its format detected from its content.
    public static func read(_ url: URL, pixelLimit: Int = defaultPixelLimit) throws(ImageError) -> PixelImage {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw .unreadable(url.path, reason: FileProblem.reason(error))
        }
        return try decode(bytes, name: url.path, pixelLimit: pixelLimit)
    }

    /// The image encoded in `bytes`, its format detected from its magic number. `name` names
    /// the source in errors.
    public static func decode(_ bytes: Data, name: String, pixelLimit: Int = defaultPixelLimit) throws(ImageError)
        -> PixelImage
    {
        guard !bytes.isEmpty else { throw .empty(name) }
        switch ImageFormat(detecting: bytes) {
        case .png: return try PNG.decode(bytes, name: name, pixelLimit: pixelLimit)
        case .jpeg: return try JPEG.decode(bytes, name: name, pixelLimit: pixelLimit)
        case .pnm: return try PNM.decode(bytes, name: name, pixelLimit: pixelLimit)
        case nil: throw .unknownFormat(name)
        }
    }

    /// Writes `bytes` to a temporary name beside `url` and renames it into place, so `url`
    /// never holds a half-written file.
    static func writeAtomically(_ bytes: Data, to url: URL) throws(ImageError) {
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(url.path, reason: FileProblem.reason(error))
        }
    }

    /// Throws `.tooLarge` when a header's size is over the limit.
    static func checkSize(width: Int, height: Int, name: String, pixelLimit: Int) throws(ImageError) {
        guard width <= pixelLimit, height <= pixelLimit, width * height <= pixelLimit else {
            throw .tooLarge(name, width: width, height: height, pixelLimit: pixelLimit)
        }
    }
}
