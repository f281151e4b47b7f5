import Foundation

/// How a camera says its picture must be turned to be upright: the Exif orientation tag
/// (0x0112) of a JPEG's APP1 segment. Phones store a portrait photo as a landscape one with
/// this tag rather than turning the pixels.
public enum ExifOrientation: Int, Sendable {
    /// 1: the stored pixels are already upright.
    case upright = 1
    /// 2: the stored pixels are mirrored left to right.
    case mirrored = 2
    /// 3: the stored pixels are turned 180°.
    case upsideDown = 3
    /// 4: the stored pixels are mirrored top to bottom.
    case upsideDownMirrored = 4
    /// 5: the stored pixels are mirrored across the top-left to bottom-right diagonal; sides swap.
    case transposed = 5
    /// 6: the stored pixels must be turned 90° clockwise to be upright (a phone held in portrait).
    case rotatedClockwise = 6
    /// 7: the stored pixels are mirrored across the top-right to bottom-left diagonal; sides swap.
    case transverse = 7
    /// 8: the stored pixels must be turned 90° counterclockwise to be upright.
    case rotatedCounterclockwise = 8

    /// The orientation a JPEG file's Exif data gives, or nil when it has none (or it is
    /// damaged, which viewers also ignore).
    public init?(jpeg bytes: Data) {
        let bytes = [UInt8](bytes.prefix(1 << 20))  // Exif sits at the start of the file
        func bigEndian16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        var position = 2
        while position + 4 <= bytes.count, bytes[position] == 0xFF {
            let marker = bytes[position + 1]
            if marker == 0xFF {
                position += 1
                continue
            }
            // Image data starts (SOS) or the image ends (EOI): no Exif before it.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = bigEndian16(position + 2)
            let start = position + 4
            let end = position + 2 + length
            guard length >= 2, end <= bytes.count else { return nil }
            if marker == 0xE1, bytes[start..<end].starts(with: Array("Exif\0\0".utf8)) {
                guard let value = Self.orientationTag(in: Array(bytes[(start + 6)..<end])) else { return nil }
                self.init(rawValue: value)
                return
            }
            position = end
        }
        return nil
    }

    /// The orientation tag's value in a TIFF structure (Exif's body): the first image
    /// directory, searched for tag 0x0112.
    private static func orientationTag(in tiff: [UInt8]) -> Int? {
        guard tiff.count >= 8 else { return nil }
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true  // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        func integer(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= tiff.count else { return nil }
            let field = tiff[at..<at + size]
            return (littleEndian ? field.reversed() : Array(field)).reduce(0) { $0 << 8 | Int($1) }
        }
        guard integer(2, 2) == 42, let directory = integer(4, 4), let entries = integer(directory, 2) else {
            return nil
        }
        for entry in 0..<entries {
            let at = directory + 2 + entry * 12
            guard let tag = integer(at, 2) else { return nil }
            // A SHORT (type 3) value sits in the first two bytes of the value field.
            if tag == 0x0112 { return integer(at + 2, 2) == 3 ? integer(at + 8, 2) : nil }
        }
        return nil
    }

    /// `image` turned upright.
    public func apply(to image: PixelImage) -> PixelImage {
        guard self != .upright else { return image }
        let (w, h, channels) = (image.width, image.height, image.channels)
        let swapsSides = rawValue >= 5
        let width = swapsSides ? h : w
        let height = swapsSides ? w : h
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                // The stored pixel that shows at (x, y) once upright.
                let (sourceX, sourceY): (Int, Int)
                switch self {
                case .upright: (sourceX, sourceY) = (x, y)
                case .mirrored: (sourceX, sourceY) = (w - 1 - x, y)
                case .upsideDown: (sourceX, sourceY) = (w - 1 - x, h - 1 - y)
                case .upsideDownMirrored: (sourceX, sourceY) = (x, h - 1 - y)
                case .transposed: (sourceX, sourceY) = (y, x)
                case .rotatedClockwise: (sourceX, sourceY) = (y, h - 1 - x)
                case .transverse: (sourceX, sourceY) = (w - 1 - y, h - 1 - x)
                case .rotatedCounterclockwise: (sourceX, sourceY) = (w - 1 - y, x)
                }
                let source = (sourceY * w + sourceX) * channels
                let destination = (y * width + x) * channels
                for c in 0..<channels { pixels[destination + c] = image.pixels[source + c] }
            }
        }
        return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
    }
}
