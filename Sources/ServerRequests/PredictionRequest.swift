import Foundation
import Images
import MNIST

/// The body of `POST /api/predict` made into the network's input: an image file (PNG, JPEG,
/// PGM or PPM, by its `Content-Type`) or the canvas as JSON, prepared exactly as `mnist
/// predict` prepares a file (`ImagePreparation.prepare`: as the model's data set's images were made).
public struct PredictionRequest: Sendable {
    /// The largest image decoded, in pixels (a 4 MB body could otherwise claim far more).
    public static let pixelLimit = 4_000_000

    /// The image types read, by `Content-Type`.
    public static let imageTypes = [
        "image/png", "image/jpeg", "image/x-portable-graymap", "image/x-portable-anymap", "image/x-portable-pixmap",
    ]

    /// `canvas` or `upload`: the `file` field of the answer.
    public var file: String
    /// The width and height of the image sent.
    public var imageSize: (width: Int, height: Int)
    /// The 28×28 digit the network reads.
    public var digit: PreparedDigit

    /// The digit (or other subject) in `body`, prepared by `preparation`, or a 415 (a type that is
    /// neither an image nor JSON) or a 400 (a body that does not decode, an image over
    /// `pixelLimit`, or one with no digit).
    public init(
        body: Data, contentType: String?, preparation: ImagePreparation = .handwriting,
        pixelLimit: Int = Self.pixelLimit
    ) throws(APIError) {
        let image: PixelImage
        let name: String
        switch JSONRequest.mediaType(of: contentType) {
        case "application/json":
            (file, name) = ("canvas", "the canvas")
            image = try JSONRequest.decode(CanvasDrawing.self, from: body, what: name).image()
        case let type? where Self.imageTypes.contains(type):
            (file, name) = ("upload", "the uploaded image")
            do {
                image = try ImageFile.decode(body, name: name, pixelLimit: pixelLimit)
            } catch {
                throw .badRequest(String(describing: error))
            }
        default:
            throw .unsupportedMediaType(
                contentType, expected: "send an image (\(Self.imageTypes.joined(separator: ", "))) or application/json")
        }
        imageSize = (image.width, image.height)
        do {
            digit = try preparation.prepare(image, name: name)
        } catch {
            throw .badRequest(String(describing: error))
        }
    }
}
