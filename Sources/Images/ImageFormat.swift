import Foundation

/// The image file formats this module reads, recognized by their first bytes (never by the
/// file name's extension).
public enum ImageFormat: Sendable, Equatable {
    /// PNG, starting with the eight bytes of ``PNG/signature``.
    case png
    /// JPEG (JFIF or Exif), starting with the bytes FF D8 FF.
    case jpeg
    /// Netpbm's PGM (gray) and PPM (RGB), plain (P2, P3) or binary (P5, P6).
    case pnm

    /// The format's name for messages: "PNG", "JPEG" or "PGM/PPM".
    public var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .pnm: "PGM/PPM"
        }
    }

    /// The format whose magic number `bytes` start with, if any.
    public init?(detecting bytes: Data) {
        let start = bytes.prefix(8)
        if start.elementsEqual(PNG.signature) {
            self = .png
        } else if start.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if start.count >= 2, start.first == UInt8(ascii: "P"),
            [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(
                start[start.startIndex + 1])
        {
            self = .pnm
        } else {
            return nil
        }
    }
}
