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
    struct Answer {
        var record: PredictionRecord
        var model: String
        var hiddenActivations: [[Float]]
        var topUnits: [Unit]

        /// The answer as JSON: the record through `JSONEncoder` (the text `mnist predict --json`
        /// prints), the long arrays of numbers written byte by byte, because encoding their ten
        /// thousand numbers one `Encodable` (or one `String`) at a time took most of a request.
        func encoded() throws -> Data {
            var record = record
            let input = record.input ?? []
            record.input = nil
            var json = JSONBytes()
            json.bytes += try JSONBody.encoder.encode(record).dropLast()  // the closing brace; the extras follow
            json.append(#","model":"#)
            json.bytes += try JSONBody.encoder.encode(model)
            json.append(#","input":["#)
            for (index, row) in input.enumerated() {
                if index > 0 { json.append(",") }
                json.append(integers: row)
            }
            json.append("]")
            json.append(#","hidden_activations":["#)
            for (index, layer) in hiddenActivations.enumerated() {
                if index > 0 { json.append(",") }
                json.append(floats: layer)
            }
            json.append(#"],"top_units":["#)
            for (index, unit) in topUnits.enumerated() {
                if index > 0 { json.append(",") }
                json.append(
                    #"{"unit":\#(unit.unit),"activation":\#(unit.activation),"scale":\#(unit.scale),"weights":"#)
                json.append(integers: unit.weights)
                json.append("}")
            }
            json.append("]}")
            return Data(json.bytes)
        }
    }

    /// JSON text being written: arrays of numbers appended without a `String` per number.
    struct JSONBytes {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(48 * 1024) }

        mutating func append(_ text: String) { bytes += text.utf8 }

        /// `[1,-2,3]`.
        mutating func append(integers: [some BinaryInteger]) {
            bytes.append(UInt8(ascii: "["))
            for (index, number) in integers.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if number < 0 { bytes.append(UInt8(ascii: "-")) }
                let magnitude = Int(number.magnitude)
                var divisor = 1
                while divisor <= magnitude / 10 { divisor *= 10 }
                while divisor > 0 {
                    bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
                    divisor /= 10
                }
            }
            bytes.append(UInt8(ascii: "]"))
        }

        /// `[0.5,1e-05]`: finite floats in their shortest round-trip form.
        mutating func append(floats: [Float]) {
            bytes.append(UInt8(ascii: "["))
            for (index, number) in floats.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if number == 0 { bytes.append(UInt8(ascii: "0")) } else { bytes += number.description.utf8 }
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// A first-layer unit and the 784 weights it looks at the image through, scaled to
    /// -127...127 (`weight = scale × weights[i] / 127`).
    struct Unit {
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
