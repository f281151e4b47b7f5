/// Everything that can be wrong with an image file, each case worded for the person who chose
/// the file.
public enum ImageError: Error, Equatable, CustomStringConvertible {
    /// The file (named by its path) could not be read, with the reason from ``FileProblem``.
    case unreadable(String, reason: String)
    /// The named file or data is 0 bytes long.
    case empty(String)
    /// The named data starts with no PNG, JPEG, PGM or PPM magic number.
    case unknownFormat(String)
    /// The named data starts like `format` but its decoder rejects it; `reason` says where.
    case corrupt(String, format: ImageFormat, reason: String)
    /// The named image's header gives `width × height` over `pixelLimit` pixels; thrown before any pixel
    /// memory is allocated.
    case tooLarge(String, width: Int, height: Int, pixelLimit: Int)
    /// Encoding as `format` failed: for JPEG an image with alpha or a quality outside 1-100, or libpng or
    /// libjpeg refused; `reason` says which.
    case cannotEncode(ImageFormat, reason: String)
    /// The encoded file could not be written to the named path, with the reason from ``FileProblem``.
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(name, reason):
            "\(name): \(reason)"
        case let .empty(name):
            "\(name) is empty (0 bytes), not an image."
        case let .unknownFormat(name):
            "\(name) is not an image in a format this tool reads (PNG, JPEG, PGM or PPM)."
        case let .corrupt(name, format, reason):
            "\(name) is not a valid \(format.name) file: \(reason)."
        case let .tooLarge(name, width, height, pixelLimit):
            "\(name) is \(width)×\(height) pixels, over the limit of \(pixelLimit / 1_000_000) megapixels; scale it down first."
        case let .cannotEncode(format, reason):
            "cannot encode the image as \(format.name): \(reason)"
        case let .cannotWrite(name, reason):
            "cannot write \(name): \(reason)"
        }
    }
}
