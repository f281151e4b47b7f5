/// A fully connected layer, `y = x · Wᵀ + b`, with `W` stored `[outputs, inputs]` like
/// PyTorch's `nn.Linear`.
public final class Dense: Sendable {
    /// The width of the input.
    public let inputs: Int
    /// The width of the output.
    public let outputs: Int
    /// `[outputs, inputs]`
    public let weight: Parameter
    /// `[1, outputs]`
    public let bias: Parameter

    /// A layer with zero weights and biases; ``initialize(using:)`` draws the weights.
    public init(inputs: Int, outputs: Int) {
        require(inputs > 0 && outputs > 0, "inputs and outputs must be at least 1, not \(inputs) and \(outputs)")
        self.inputs = inputs
        self.outputs = outputs
        weight = Parameter(rows: outputs, columns: inputs, decays: true)
        bias = Parameter(rows: 1, columns: outputs, decays: false)
    }

    /// He (Kaiming) initialization for a layer followed by ReLU: weights from
    /// N(0, 2 / inputs), biases zero.
    public func initialize(using generator: inout RandomGenerator) {
        let standardDeviation = (2 / Double(inputs)).squareRoot()
        for index in 0..<weight.value.count {
            weight.value.storage[index] = Float(generator.nextNormal(standardDeviation: standardDeviation))
        }
        bias.value.fill(0)
    }

    /// `output[rows, outputs] = input[rows, inputs] · Wᵀ + b`.
    public func forward(_ input: Matrix, into output: Matrix, rows: Int, kernel: any GEMMKernel) {
        kernel.sgemm(
            .none, .transposed, m: rows, n: outputs, k: inputs,
            alpha: 1, a: input.storage, lda: inputs, b: weight.value.storage, ldb: inputs,
            beta: 0, c: output.storage, ldc: outputs)
        let b = bias.value.storage
        for row in 0..<rows {
            let y = output.storage + row * outputs
            for j in 0..<outputs { y[j] += b[j] }
        }
    }

    /// Given `outputGradient[rows, outputs]` = ∂loss/∂y, sets the weight and bias gradients
    /// and, when `inputGradient` is given, writes ∂loss/∂x `[rows, inputs]` into it. The
    /// weight gradient keeps `gradientCarry` times what its buffer held: 0 overwrites it; the
    /// optimizer's `gradientCarry` (1 for SGD's classical momentum, which leaves
    /// `momentum · v` there) makes it the new velocity.
    ///
    ///     ∂W[outputs, inputs] ← gradientCarry · ∂W + ∂yᵀ · x
    ///     ∂b[1, outputs] = column sums of ∂y      ∂x = ∂y · W
    public func backward(
        input: Matrix, outputGradient: Matrix, inputGradient: Matrix?, rows: Int, gradientCarry: Float,
        kernel: any GEMMKernel
    ) {
        kernel.sgemm(
            .transposed, .none, m: outputs, n: inputs, k: rows,
            alpha: 1, a: outputGradient.storage, lda: outputs, b: input.storage, ldb: inputs,
            beta: gradientCarry, c: weight.gradient.storage, ldc: inputs)
        let db = bias.gradient.storage
        db.update(repeating: 0, count: outputs)
        for row in 0..<rows {
            let dy = outputGradient.storage + row * outputs
            for j in 0..<outputs { db[j] += dy[j] }
        }
        if let inputGradient {
            backwardToInput(outputGradient: outputGradient, into: inputGradient, rows: rows, kernel: kernel)
        }
    }

    /// Writes ∂loss/∂x `[rows, inputs]` into `inputGradient` from `outputGradient[rows, outputs]`
    /// = ∂loss/∂y, and nothing else: the weights are only read, so passes on other threads may
    /// share the layer (a saliency map's backward pass to the input, for one).
    ///
    ///     ∂x[rows, inputs] = ∂y[rows, outputs] · W[outputs, inputs]
    public func backwardToInput(outputGradient: Matrix, into inputGradient: Matrix, rows: Int, kernel: any GEMMKernel) {
        kernel.sgemm(
            .none, .none, m: rows, n: inputs, k: outputs,
            alpha: 1, a: outputGradient.storage, lda: outputs, b: weight.value.storage, ldb: inputs,
            beta: 0, c: inputGradient.storage, ldc: inputs)
    }
}
