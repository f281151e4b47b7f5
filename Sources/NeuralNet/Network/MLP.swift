/// A multilayer perceptron: dense layers with ReLU between them and raw logits out.
///
/// `sizes` lists the width of every layer from input to output, so `[784, 128, 64, 10]` is
/// 784 inputs, hidden layers of 128 and 64 units, and 10 classes. A network is only its
/// parameters; a `BatchPass` runs it forward and backward (`Trainer` and `Evaluator` own one).
public final class MLP: Sendable {
    /// The dense layers, input side first.
    public let layers: [Dense]
    /// Every layer but the last, each followed by a `HiddenActivation`.
    public var hiddenLayers: ArraySlice<Dense> { layers.dropLast() }

    /// The width of every layer from input to output, such as `[784, 128, 64, 10]`.
    public var sizes: [Int] { [layers[0].inputs] + layers.map(\.outputs) }
    /// The number of inputs, 784 for MNIST.
    public var inputCount: Int { layers[0].inputs }
    /// The number of logits, one per class.
    public var classCount: Int { layers[layers.count - 1].outputs }
    /// Every weight and bias, first layer first.
    public var parameters: [Parameter] { layers.flatMap { [$0.weight, $0.bias] } }
    /// The number of weights and biases in all.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// A network with layers of these widths, from input to output, its weights all zero until ``initialize(using:)``.
    public init(sizes: [Int]) {
        require(
            sizes.count >= 2 && sizes.allSatisfy { $0 > 0 },
            "sizes must hold at least an input and an output width, all positive, not \(sizes)")
        layers = zip(sizes, sizes.dropFirst()).map { Dense(inputs: $0, outputs: $1) }
    }

    /// He-initializes every layer from `generator`.
    public func initialize(using generator: inout RandomGenerator) {
        for layer in layers { layer.initialize(using: &generator) }
    }

    /// The description people use for such a network, such as `784-128-64-10`.
    public var architecture: String { sizes.map(String.init).joined(separator: "-") }
}
