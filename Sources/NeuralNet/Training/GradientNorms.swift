/// The Euclidean norms of one layer's gradients of the training loss in one step, before weight
/// decay and momentum: ‖∂loss/∂W‖ (the Frobenius norm of `[outputs, inputs]`) and ‖∂loss/∂b‖.
public struct LayerGradientNorms: Sendable, Equatable {
    /// ‖∂loss/∂W‖ over the layer's `[outputs, inputs]` weights.
    public var weight: Double
    /// ‖∂loss/∂b‖ over the layer's `[outputs]` biases.
    public var bias: Double

    /// The norms of one layer's weight and bias gradients.
    public init(weight: Double, bias: Double) {
        self.weight = weight
        self.bias = bias
    }
}

/// Measures every layer's gradient norms from the gradient buffers the backward pass fills, for
/// a trainer that is asked to (`Trainer.measuresGradientNorms`). A weight buffer under an
/// optimizer whose `gradientCarry` is not 0 holds `carry · before + ∇` after the backward pass,
/// so the meter copies it before the pass and takes ∇ apart after it; biases are overwritten.
/// Its buffers are allocated when it is made, so a measured step allocates nothing either.
final class GradientNormMeter {
    private let network: MLP
    /// Each layer's weight gradient buffer as it was before the backward pass, `[outputs, inputs]`.
    private let carried: [Matrix]
    /// Each layer's norms from the last measured step, first layer first.
    private(set) var norms: [LayerGradientNorms]

    init(network: MLP) {
        self.network = network
        carried = network.layers.map { Matrix(rows: $0.outputs, columns: $0.inputs) }
        norms = Array(repeating: LayerGradientNorms(weight: 0, bias: 0), count: network.layers.count)
    }

    /// Copies what the weight gradient buffers hold before a backward pass that adds to them.
    func keep(gradientCarry: Float) {
        guard gradientCarry != 0 else { return }
        for (layer, copy) in zip(network.layers, carried) { copy.copy(from: layer.weight.gradient) }
    }

    /// Measures the gradients the backward pass just wrote, `gradientCarry` as given to it.
    func measure(gradientCarry: Float) {
        for (index, (layer, copy)) in zip(network.layers, carried).enumerated() {
            let (weights, earlier) = (layer.weight.gradient.storage, copy.storage)
            var weightSum = 0.0
            for i in 0..<layer.weight.gradient.count {
                let gradient = Double(weights[i]) - (gradientCarry == 0 ? 0 : Double(gradientCarry * earlier[i]))
                weightSum += gradient * gradient
            }
            let biases = layer.bias.gradient.storage
            var biasSum = 0.0
            for j in 0..<layer.bias.gradient.count { biasSum += Double(biases[j]) * Double(biases[j]) }
            norms[index] = LayerGradientNorms(weight: weightSum.squareRoot(), bias: biasSum.squareRoot())
        }
    }
}
