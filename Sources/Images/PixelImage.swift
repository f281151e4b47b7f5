/// A raster of 8-bit pixels: rows top to bottom, each row left to right, channels interleaved.
///
/// `channels` is 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA); alpha is straight (not
/// premultiplied), 255 opaque. Sample values are sRGB-encoded, as in ordinary image files.
public struct PixelImage: Sendable, Equatable {
    /// Columns of pixels; always positive.
    public let width: Int
    /// Rows of pixels; always positive.
    public let height: Int
    /// Samples per pixel: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA).
    public let channels: Int
    /// `height × width × channels` samples.
    public var pixels: [UInt8]

    /// An image holding `pixels`, whose count must be `width × height × channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "an image needs a positive width and height")
        precondition((1...4).contains(channels), "an image has 1 to 4 channels")
        precondition(pixels.count == width * height * channels, "the pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// An image filled with one colour, given as one value per channel.
    public init(width: Int, height: Int, filledWith colour: [UInt8]) {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * colour.count)
        for _ in 0..<(width * height) { pixels += colour }
        self.init(width: width, height: height, channels: colour.count, pixels: pixels)
    }

    /// Whether the last channel is alpha.
    public var hasAlpha: Bool { channels == 2 || channels == 4 }

    /// One sample: channel `channel` of the pixel in column `x`, row `y`.
    public subscript(x x: Int, y y: Int, channel channel: Int = 0) -> UInt8 {
        get { pixels[(y * width + x) * channels + channel] }
        set { pixels[(y * width + x) * channels + channel] = newValue }
    }
}
