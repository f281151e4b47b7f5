/// A multilayer perceptron: dense layers with ReLU between them and raw logits out.
///
/// `sizes` lists the width of every layer from input to output, so `[784, 128, 64, 10]` is
/// 784 inputs, hidden layers of 128 and 64 units, and 10 classes.
public final class MLP: @unchecked Sendable {
    public let layers: [Dense]

    public var sizes: [Int] { [layers[0].inputs] + layers.map(\.outputs) }
    public var inputCount: Int { layers[0].inputs }
    public var classCount: Int { layers[layers.count - 1].outputs }
    /// Every weight and bias, first layer first.
    public var parameters: [Parameter] { layers.flatMap { [$0.weight, $0.bias] } }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    public init(sizes: [Int]) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "an MLP needs an input and an output size")
        layers = zip(sizes, sizes.dropFirst()).map { Dense(inputs: $0, outputs: $1) }
    }

    /// He-initializes every layer from `generator`.
    public func initialize(using generator: inout RandomGenerator) {
        for layer in layers { layer.initialize(using: &generator) }
    }

    /// The description people use for such a network, such as `784-128-64-10`.
    public var architecture: String { sizes.map(String.init).joined(separator: "-") }

    /// Runs the first `rows` examples of `workspace.input` forward and returns the logits
    /// matrix (`[capacity, classes]`, of which the first `rows` rows are valid). With
    /// `dropout` (training only), it drops units of every hidden layer after its ReLU.
    @discardableResult
    public func forward(_ workspace: Workspace, rows: Int, kernel: any GEMMKernel, dropout: Dropout? = nil) -> Matrix {
        precondition(rows <= workspace.capacity, "batch of \(rows) exceeds workspace capacity \(workspace.capacity)")
        for (index, layer) in layers.enumerated() {
            let output = workspace.activations[index + 1]
            layer.forward(workspace.activations[index], into: output, rows: rows, kernel: kernel)
            if index < layers.count - 1 {
                ReLU.forward(output.storage, count: rows * layer.outputs)
                dropout?.apply(to: output.storage, count: rows * layer.outputs)
            }
        }
        workspace.dropoutScale = dropout?.keptScale ?? 1
        return workspace.logits
    }

    /// Back-propagates `workspace.gradients[last]` (∂loss/∂logits) through every layer,
    /// filling each parameter's gradient. Call after `forward` on the same rows; it goes back
    /// through the same dropout.
    public func backward(_ workspace: Workspace, rows: Int, kernel: any GEMMKernel) {
        for index in layers.indices.reversed() {
            let layer = layers[index]
            let inputGradient = index > 0 ? workspace.gradients[index - 1] : nil
            layer.backward(
                input: workspace.activations[index], outputGradient: workspace.gradients[index],
                inputGradient: inputGradient, rows: rows, kernel: kernel)
            if let inputGradient {
                let output = workspace.activations[index].storage, count = rows * layer.inputs
                if workspace.dropoutScale == 1 {
                    ReLU.backward(output: output, gradient: inputGradient.storage, count: count)
                } else {
                    Dropout.backwardThroughReLU(
                        output: output, gradient: inputGradient.storage, count: count, keptScale: workspace.dropoutScale)
                }
            }
        }
    }

    /// Every buffer one forward and backward pass needs for batches of up to `capacity`
    /// examples, allocated once and reused for every batch.
    public final class Workspace: @unchecked Sendable {
        public let capacity: Int
        /// `activations[0]` is the input batch `[capacity, inputs]`; `activations[i]` the output
        /// of layer `i` (after ReLU for hidden layers); the last one holds the logits.
        public let activations: [Matrix]
        /// `gradients[i]` is ∂loss/∂(pre-activation output of layer i), `[capacity, width]`.
        public let gradients: [Matrix]
        /// Class labels of the batch.
        public let labels: UnsafeMutablePointer<Int32>
        /// What the last forward pass scaled kept hidden units by: `1/(1 − p)` with dropout,
        /// 1 without; the backward pass follows it.
        public internal(set) var dropoutScale: Float = 1

        public var input: Matrix { activations[0] }
        public var logits: Matrix { activations[activations.count - 1] }
        public var logitsGradient: Matrix { gradients[gradients.count - 1] }

        public init(for network: MLP, capacity: Int) {
            precondition(capacity > 0, "workspace capacity must be positive")
            self.capacity = capacity
            activations = network.sizes.map { Matrix(rows: capacity, columns: $0) }
            gradients = network.layers.map { Matrix(rows: capacity, columns: $0.outputs) }
            labels = .allocate(capacity: capacity)
            labels.initialize(repeating: 0, count: capacity)
        }

        deinit { labels.deallocate() }
    }
}
