#if Server
import NeuralNet

/// The first layer's incoming weights as the predict answer's `top_units` show them, written
/// once per model rather than on every request: each unit's 784 weights scaled to -127...127
/// (`weight = scale × weights[i] / 127`), as the JSON text `"scale":S,"weights":[...]`.
struct FirstLayerWeights: Sendable {
    /// Unit by unit, its scale and weights as JSON members (about 3 kB a unit).
    let scaleAndWeightsJSON: [[UInt8]]

    init(_ network: MLP) {
        let weights = network.layers[0].weight.value
        let inputs = weights.columns
        scaleAndWeightsJSON = (0..<weights.rows).map { unit in
            let row = UnsafeBufferPointer(start: weights.storage + unit * inputs, count: inputs)
            let scale = row.map(abs).max() ?? 0
            let quantized = row.map { scale > 0 ? Int8(($0 / scale * 127).rounded()) : 0 }
            var json = JSONBytes(capacity: 4 * inputs + 32)
            json.append(#""scale":\#(scale),"weights":"#)
            json.append(integers: quantized)
            return json.bytes
        }
    }
}
#endif
