/// Everything that can be wrong with an image file, each case worded for the person who chose
/// the file.
public enum ImageError: Error, Equatable, CustomStringConvertible {
    case unreadable(String, reason: String)
    case empty(String)
    case unknownFormat(String)
    case corrupt(String, format: ImageFormat, reason: String)
    case tooLarge(String, width: Int, height: Int, pixelLimit: Int)
    case cannotEncode(ImageFormat, reason: String)
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
