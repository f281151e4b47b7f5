#if Server
import Foundation
import Hummingbird
import MNIST
import NeuralNet

/// `GET /api/model/first-layer`: the first layer's incoming weights, which the page draws for
/// the units a prediction's `top_units` names. Written once per model rather than in every
/// answer: each unit's 784 weights scaled to -127...127 (`weight = scale × weights[i] / 127`).
/// The answer carries a version (a digest of the weights) as its ETag and in every predict
/// answer, so the page fetches it again only when the served model changes.
struct FirstLayerWeights: Sendable {
    /// 16 hexadecimal digits that change whenever the weights do.
    let version: String
    /// `{"version":"…","units":[{"scale":S,"weights":[…]},…]}`, about 3 kB a unit.
    let json: [UInt8]

    init(_ network: MLP) {
        let weights = network.layers[0].weight.value
        let inputs = weights.columns
        var units = JSONBytes(capacity: weights.rows * (4 * inputs + 32))
        units.append("[")
        for unit in 0..<weights.rows {
            let row = QuantizedWeights(UnsafeBufferPointer(start: weights.storage + unit * inputs, count: inputs))
            units.append(unit > 0 ? #",{"scale":\#(row.scale),"weights":"# : #"{"scale":\#(row.scale),"weights":"#)
            units.append(integers: row.weights)
            units.append("}")
        }
        units.append("]")
        version = String(SHA256.hexDigest(Data(units.bytes)).prefix(16))
        json = Array(#"{"version":"\#(version)","units":"#.utf8) + units.bytes + Array("}".utf8)
    }

    /// The weights, or 304 Not Modified when `ifNoneMatch` (the request's `If-None-Match`)
    /// already names this version.
    func response(ifNoneMatch: String?) -> Response {
        let tag = "\"\(version)\""
        // The page asks again each time, and the server says whether its copy is current.
        let headers: HTTPFields = [.eTag: tag, .cacheControl: "no-cache"]
        if let ifNoneMatch,
            ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag })
        {
            return Response(status: .notModified, headers: headers)
        }
        var response = JSONBody.response(json: json)
        response.headers.append(contentsOf: headers)
        return response
    }
}
#endif
