#if Server
import Foundation
import MNIST
import ServerRequests

/// `POST /api/predict`: an image file's bytes (PNG, JPEG, PGM) or the canvas as JSON, read
/// exactly as `mnist predict` reads a file (`PredictionRequest`, then `DigitClassifier.read`),
/// answered with `mnist predict --json`'s fields plus what the page draws: the 28×28 input,
/// each hidden layer's activations, and which first-layer units fired most (their weights come
/// once per model from `GET /api/model/first-layer`, `FirstLayerWeights`).
enum PredictionEndpoint {
    /// How many of the most active first-layer units the answer shows.
    static let topUnitCount = 8

    static func answer(_ body: Data, contentType: String?, model: ServedModel) throws(APIError) -> Answer {
        let request = try PredictionRequest(body: body, contentType: contentType)
        let (prediction, activations) = model.classifier.read(request.digit.pixels)
        return Answer(
            record: PredictionRecord(
                file: request.file, digit: request.digit, prediction: prediction, includeInput: true),
            model: model, hiddenActivations: activations, topUnits: topUnits(of: activations.first ?? []))
    }

    /// The answer: the record's fields and the page's extras side by side in one object.
    struct Answer {
        var record: PredictionRecord
        var model: ServedModel
        var hiddenActivations: [[Float]]
        /// The first layer's most active units and their activations, strongest first.
        var topUnits: [(unit: Int, activation: Float)]

        /// The answer as JSON: the record through `JSONEncoder` (the text `mnist predict --json`
        /// prints) and the long arrays of numbers written byte by byte, because encoding them
        /// one `Encodable` (or one `String`) at a time took most of a request.
        func encoded() throws -> [UInt8] {
            var record = record
            let input = record.input ?? []
            record.input = nil
            var json = JSONBytes()
            json.bytes += try JSONBody.encoder.encode(record).dropLast()  // the closing brace; the extras follow
            json.append(#","model":"#)
            json.bytes += model.nameJSON
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
            json.append(#"],"first_layer_version":"\#(model.firstLayer.version)","top_units":["#)
            for (index, unit) in topUnits.enumerated() {
                if index > 0 { json.append(",") }
                json.append(#"{"unit":\#(unit.unit),"activation":\#(unit.activation)}"#)
            }
            json.append("]}")
            return json.bytes
        }
    }

    /// The most active of `activations` (those above zero), strongest first, at most `topUnitCount`.
    static func topUnits(of activations: [Float]) -> [(unit: Int, activation: Float)] {
        activations.indices.filter { activations[$0] > 0 }
            .sorted { activations[$0] > activations[$1] }
            .prefix(topUnitCount)
            .map { ($0, activations[$0]) }
    }
}
#endif
