import Foundation

/// An sRGB colour with 8-bit channels.
public struct Color: Sendable, Equatable {
    /// Red, 0-255 in sRGB encoding.
    public var red: UInt8
    /// Green, 0-255 in sRGB encoding.
    public var green: UInt8
    /// Blue, 0-255 in sRGB encoding.
    public var blue: UInt8

    /// A colour from its three sRGB channels, each 0-255.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8(hex >> 16 & 0xFF), green: UInt8(hex >> 8 & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, for SVG and CSS.
    public var hex: String {
        let value = Int(red) << 16 | Int(green) << 8 | Int(blue)
        let digits = String(value, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Relative luminance in [0, 1] (WCAG), to choose readable text on a coloured background.
    public var luminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever reads better on this colour.
    public var contrastingText: Color { luminance > 0.35 ? .ink : .white }

    /// The point `t` (0 to 1) of the way from `self` to `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            let (from, to) = (Double(a), Double(b))
            return UInt8((from + (to - from) * t).rounded())
        }
        return Color(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    /// White (`#ffffff`): chart backgrounds, and text on dark cells.
    public static let white = Color(hex: 0xFFFFFF)
    /// Text and axes.
    public static let ink = Color(hex: 0x222222)
    /// Secondary text such as tick labels.
    public static let mutedInk = Color(hex: 0x5F6368)
    /// Grid lines.
    public static let grid = Color(hex: 0xE3E6EA)
}
