import Foundation
import Images

/// The properties of the image decoders: PNG, JPEG (with its Exif orientation) and PGM/PPM.
enum ImageProperties {
    /// A decoded PNG is a valid image with 1 to 4 channels, and PNG's writer stores it
    /// losslessly: encoding it and decoding that gives it back exactly.
    static func checkPNG(_ bytes: Data) throws(PropertyViolation) {
        guard let image = try? PNG.decode(bytes, name: "input", pixelLimit: ParserHarness.pixelLimit) else { return }
        try checkLayout(of: image, channels: 1...4)
        let encoded: Data
        do {
            encoded = try PNG.encode(image)
        } catch {
            throw PropertyViolation("a decoded \(image.width)×\(image.height) PNG cannot be encoded: \(error)")
        }
        let again = try? PNG.decode(encoded, name: "encoded", pixelLimit: ParserHarness.pixelLimit)
        try PropertyViolation.require(again == image, "a decoded PNG, encoded and decoded again, differs")
    }

    /// A decoded JPEG is a valid gray or RGB image, and JPEG's writer encodes it into a JPEG
    /// that decodes to the same size (JPEG is lossy, so only the size must match).
    static func checkJPEG(_ bytes: Data) throws(PropertyViolation) {
        guard let image = try? JPEG.decode(bytes, name: "input", pixelLimit: ParserHarness.pixelLimit) else { return }
        try checkLayout(of: image, channels: [1, 3])
        let encoded: Data
        do {
            encoded = try JPEG.encode(image)
        } catch {
            throw PropertyViolation("a decoded \(image.width)×\(image.height) JPEG cannot be encoded: \(error)")
        }
        let again = try? JPEG.decode(encoded, name: "encoded", pixelLimit: ParserHarness.pixelLimit)
        try PropertyViolation.require(
            again.map { ($0.width, $0.height, $0.channels) } ?? (0, 0, 0) == (
                image.width, image.height, image.channels
            ),
            "a decoded \(image.width)×\(image.height)×\(image.channels) JPEG, encoded and decoded again, is "
                + (again.map { "\($0.width)×\($0.height)×\($0.channels)" } ?? "unreadable"))
    }

    /// A decoded PGM or PPM is a valid gray or RGB image.
    static func checkPNM(_ bytes: Data) throws(PropertyViolation) {
        guard let image = try? PNM.decode(bytes, name: "input", pixelLimit: ParserHarness.pixelLimit) else { return }
        try checkLayout(of: image, channels: [1, 3])
    }

    /// Turning an image upright as the Exif orientation says moves its pixels without losing
    /// or changing any, and swaps width and height exactly for the quarter turns.
    static func checkExif(_ bytes: Data) throws(PropertyViolation) {
        guard let orientation = ExifOrientation(jpeg: bytes) else { return }
        // 5×3 pixels of 2 channels, every sample distinct: the result must be a permutation.
        let image = PixelImage(width: 5, height: 3, channels: 2, pixels: (0..<30).map { UInt8($0) })
        let upright = orientation.apply(to: image)
        let swapsSides = orientation.rawValue >= 5
        try PropertyViolation.require(
            (upright.width, upright.height) == (swapsSides ? (3, 5) : (5, 3)),
            "orientation \(orientation) turned a 5×3 image into \(upright.width)×\(upright.height)")
        try PropertyViolation.require(
            upright.pixels.sorted() == image.pixels, "orientation \(orientation) lost or changed pixels")
        // Each pixel's two channels stay together.
        try PropertyViolation.require(
            stride(from: 0, to: 30, by: 2).allSatisfy {
                upright.pixels[$0] % 2 == 0 && upright.pixels[$0 + 1] == upright.pixels[$0] + 1
            },
            "orientation \(orientation) split a pixel's channels")
    }

    /// A decoded image is non-empty, within the pixel limit, with `channels` channels and
    /// exactly width × height × channels samples.
    private static func checkLayout(of image: PixelImage, channels: some Collection<Int>) throws(PropertyViolation) {
        try PropertyViolation.require(
            image.width > 0 && image.height > 0 && image.width * image.height <= ParserHarness.pixelLimit,
            "decoded an image of \(image.width)×\(image.height) pixels")
        try PropertyViolation.require(
            channels.contains(image.channels), "decoded an image of \(image.channels) channels")
        try PropertyViolation.require(
            image.pixels.count == image.width * image.height * image.channels,
            "a \(image.width)×\(image.height)×\(image.channels) image has \(image.pixels.count) samples")
    }
}
