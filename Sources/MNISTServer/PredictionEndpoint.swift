#if Server
import Foundation
import MNIST
import ServerRequests

/// `POST /api/predict`: an image file's bytes (PNG, JPEG, PGM) or the canvas as JSON, read
/// exactly as `mnist predict` reads a file (`PredictionRequest`, then `DigitClassifier.read`),
/// answered with `mnist predict --json`'s fields plus what the page draws: the 28×28 input,
/// its saliency for the answer against the runner-up (`DigitClassifier.explain`), each hidden
/// layer's activations, where it lands on the map of the test set (`ModelMap`, once computed),
/// and which first-layer units fired most (their weights come once per
/// model from `GET /api/model/first-layer`, `FirstLayerWeights`).
enum PredictionEndpoint {
    /// How many of the most active first-layer units the answer shows.
    static let topUnitCount = 8

    static func answer(_ body: Data, contentType: String?, model: ServedModel) throws(APIError) -> Answer {
        let dataSet = model.file.dataSet
        let request = try PredictionRequest(
            body: body, contentType: contentType, preparation: dataSet.imagePreparation)
        let explanation = model.classifier.explain(request.digit.pixels)
        let activations = explanation.hiddenActivations
        return Answer(
            record: PredictionRecord(
                file: request.file, digit: request.digit, prediction: explanation.prediction, includeInput: true,
                dataSet: dataSet),
            model: model, hiddenActivations: activations, saliency: explanation.saliency,
            topUnits: topUnits(of: activations.first ?? []),
            mapPoint: activations.last.flatMap { model.map.computed?.place(lastHiddenActivations: $0) })
    }

    /// The answer: the record's fields and the page's extras side by side in one object.
    struct Answer {
        var record: PredictionRecord
        var model: ServedModel
        var hiddenActivations: [[Float]]
        /// `[784]`: ∂(answer's logit − runner-up's) / ∂pixel, sent as 28 rows of 28.
        var saliency: [Float]
        /// The first layer's most active units and their activations, strongest first.
        var topUnits: [(unit: Int, activation: Float)]
        /// Where the digit lands on the map of the test set, once `GET /api/model/map` has computed it.
        var mapPoint: (x: Float, y: Float)?

        /// The answer as JSON: the record's members as `mnist predict --json` writes them,
        /// then the page's extras, byte by byte (`JSONEncoder` took most of a request).
        func encoded() -> [UInt8] {
            var record = record
            let input = record.input ?? []
            record.input = nil
            var json = JSONBytes()
            json.object { json in
                record.writeMembers(to: &json)
                json.key("model")
                json.bytes += model.nameJSON
                PredictionRecord.write(input: input, to: &json)
                json.member("map_point", mapPoint) { json, point in
                    json.object { json in
                        json.member("x", point.x) { $0.append(float: $1) }
                        json.member("y", point.y) { $0.append(float: $1) }
                    }
                }
                json.member("hidden_activations", hiddenActivations) { $0.array($1) { $0.append(floats: $1) } }
                json.member("first_layer_version", model.firstLayer.version) { $0.append(string: $1) }
                json.member("saliency", saliency) { json, saliency in
                    json.array(Array(0..<28)) { $0.append(floats: Array(saliency[$1 * 28..<($1 + 1) * 28])) }
                }
                json.member("top_units", topUnits) { json, units in
                    json.array(units) { json, unit in
                        json.object { json in
                            json.member("unit", unit.unit) { $0.append(integer: $1) }
                            json.member("activation", unit.activation) { $0.append(float: $1) }
                        }
                    }
                }
            }
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
