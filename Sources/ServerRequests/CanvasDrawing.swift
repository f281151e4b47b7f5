import Images

/// The canvas as JSON: `{"width": W, "height": H, "pixels": [W×H gray levels, row after row]}`,
/// 0 black to 255 white, either ink on paper or paper on ink (the preprocessing tells).
public struct CanvasDrawing: Decodable, Sendable {
    /// The largest side accepted.
    public static let maximumSide = 2048

    public var width: Int
    public var height: Int
    public var pixels: [Int]

    /// The drawing as a gray image, or a 400 saying what is wrong with it.
    public func image() throws(APIError) -> PixelImage {
        guard (1...Self.maximumSide).contains(width), (1...Self.maximumSide).contains(height) else {
            throw .badRequest("the canvas must be 1 to \(Self.maximumSide) pixels on each side, not \(width)×\(height)")
        }
        guard pixels.count == width * height else {
            throw .badRequest(
                "a \(width)×\(height) canvas has \(width * height) pixels, but \(pixels.count) were sent")
        }
        guard let bad = pixels.first(where: { !(0...255).contains($0) }) else {
            return PixelImage(width: width, height: height, channels: 1, pixels: pixels.map { UInt8($0) })
        }
        throw .badRequest("canvas pixels are gray levels from 0 to 255, not \(bad)")
    }
}
