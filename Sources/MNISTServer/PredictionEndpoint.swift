#if Server
import Foundation
import Images
import MNIST

/// `POST /api/predict`: an image file's bytes (PNG, JPEG, PGM) or the canvas as JSON, read
/// exactly as `mnist predict` reads a file (`DigitPreprocessor.prepare`, then
/// `DigitClassifier.predict`), answered with `mnist predict --json`'s fields plus what the
/// page draws: the 28×28 input, each hidden layer's activations, and the first-layer weights
/// of the units that fired most.
enum PredictionEndpoint {
    /// The largest image decoded, in pixels (a 4 MB body could otherwise claim far more).
    static let pixelLimit = 4_000_000
    /// How many of the most active first-layer units the answer shows.
    static let topUnitCount = 8

    static let imageTypes = [
        "image/png", "image/jpeg", "image/x-portable-graymap", "image/x-portable-anymap", "image/x-portable-pixmap",
    ]

    static func answer(_ body: Data, contentType: String?, model: ServedModel) throws(APIError) -> Answer {
        let mediaType = contentType?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let image: PixelImage
        let file: String
        let name: String
        switch mediaType {
        case "application/json":
            (file, name) = ("canvas", "the canvas")
            image = try JSONBody.decode(CanvasDrawing.self, from: body, what: "the canvas").image()
        case let type? where imageTypes.contains(type):
            (file, name) = ("upload", "the uploaded image")
            do {
                image = try ImageFile.decode(body, name: name, pixelLimit: pixelLimit)
            } catch {
                throw .badRequest(String(describing: error))
            }
        default:
            throw APIError(
                status: .unsupportedMediaType,
                message:
                    "send an image (\(imageTypes.joined(separator: ", "))) or application/json, not \(contentType ?? "a body without a Content-Type")"
            )
        }
        let digit: PreparedDigit
        do {
            digit = try DigitPreprocessor.prepare(image, name: name)
        } catch {
            throw .badRequest(String(describing: error))
        }
        let classifier = model.classifier
        let prediction = classifier.predict([digit.pixels])[0]
        let activations = classifier.hiddenActivations(digit.pixels)
        return Answer(
            record: PredictionRecord(file: file, digit: digit, prediction: prediction, includeInput: true),
            model: model.name, hiddenActivations: activations,
            topUnits: activations.first.map { topUnits(of: $0, network: classifier) } ?? [])
    }

    /// The answer: the record's fields and the page's extras side by side in one object.
    struct Answer: Encodable {
        var record: PredictionRecord
        var model: String
        var hiddenActivations: [[Float]]
        var topUnits: [Unit]

        enum CodingKeys: String, CodingKey { case model, hiddenActivations, topUnits }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(hiddenActivations, forKey: .hiddenActivations)
            try container.encode(topUnits, forKey: .topUnits)
        }
    }

    /// A first-layer unit and the 784 weights it looks at the image through, scaled to
    /// -127...127 (`weight = scale × weights[i] / 127`).
    struct Unit: Encodable {
        var unit: Int
        var activation: Float
        var scale: Float
        var weights: [Int8]
    }

    /// The first hidden layer's most active units (those above zero), strongest first.
    static func topUnits(of activations: [Float], network classifier: DigitClassifier) -> [Unit] {
        let weights = classifier.network.layers[0].weight.value
        let inputs = weights.columns
        return activations.indices.filter { activations[$0] > 0 }
            .sorted { activations[$0] > activations[$1] }
            .prefix(topUnitCount)
            .map { unit in
                let row = UnsafeBufferPointer(start: weights.storage + unit * inputs, count: inputs)
                let scale = row.map(abs).max() ?? 0
                let quantized = row.map { scale > 0 ? Int8(($0 / scale * 127).rounded()) : 0 }
                return Unit(unit: unit, activation: activations[unit], scale: scale, weights: quantized)
            }
    }
}
#endif
