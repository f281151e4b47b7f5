/// The forward and backward pass of an MLP over batches of up to `capacity` examples: the
/// kernel that runs its matrix products and every buffer the pass writes, allocated once and
/// reused for every batch. `Trainer` and `Evaluator` each own one; a training loop of your own
/// (see `Examples/`) fills one with a batch, then runs `forward`, the loss, `backward`.
public final class BatchPass {
    /// The network it runs; its weights are read, and its gradients written, in place.
    public let network: MLP
    /// Runs every matrix product of the pass.
    public let kernel: any GEMMKernel
    /// The most rows a batch can have.
    public let capacity: Int
    /// The batch, as a `Dataset` fills it: `input[capacity, inputs]` and `labels[capacity]`.
    public let input: Matrix
    /// The classes of the batch's examples, `[capacity]`.
    public let labels: UnsafeMutablePointer<Int32>
    /// `outputs[i]` is layer i's output after its activation, `[capacity, layers[i].outputs]`;
    /// the last holds the logits.
    let outputs: [Matrix]
    /// `outputGradients[i]` is ∂loss/∂(layer i's output before its activation), same shape;
    /// allocated when first needed, so that a pass that only runs forward has none.
    private lazy var outputGradients: [Matrix] = network.layers.map { Matrix(rows: capacity, columns: $0.outputs) }
    /// ∂/∂input `[capacity, inputs]`, which `backwardToInput` writes; allocated when first needed.
    private lazy var inputGradient = Matrix(rows: capacity, columns: network.inputCount)
    /// The input as a common value plus the entries that differ from it, for the first
    /// layer's product; made on the first pass that skips the common input, and nil when
    /// batches are too small for it to pay.
    private lazy var sparseInput: SparseInput? =
        capacity >= SparseInput.minimumRows ? SparseInput(layer: network.layers[0]) : nil
    /// The first layer's sparse training products; made on the first pass that tries them.
    private lazy var sparseFirstLayer = SparseFirstLayer(layer: network.layers[0], capacity: capacity)
    /// Whether the last forward pass computed the first layer with `sparseFirstLayer`, so that
    /// `backward` does too.
    public private(set) var firstLayerWasSparse = false
    /// How training passes compute the first layer's products (see `SparseFirstLayer`): the
    /// results match either way to rounding. Dense by default; `Trainer` sets its own.
    public var firstLayerPath = FirstLayerPath.dense
    /// The last concurrent fill's work (a `RowFill` of its data set's type), kept so that
    /// filling a batch allocates nothing.
    private var rowFill: AnyObject?
    /// Whether the first layer's forward product skips the entries equal to the batch's
    /// common value (MNIST's blank pixels) when there are few others; see `SparseInput`.
    /// The results match the dense product to rounding. `Evaluator` turns it on for its
    /// batches of 128 on one thread each; it is off by default, and training passes use
    /// `firstLayerPath`, which covers the weight gradient too.
    public var skipsCommonInput = false

    /// The logits of the last forward pass, `[capacity, classes]` (the first `rows` valid).
    public var logits: Matrix { outputs[outputs.count - 1] }
    /// ∂loss/∂logits, `[capacity, classes]`: the loss's backward writes it, `backward` reads it.
    public var logitsGradient: Matrix { outputGradients[outputGradients.count - 1] }

    /// Allocates the input, labels and activations of `network` for batches of up to
    /// `capacity` rows; the gradients of the activations follow on first use.
    public init(network: MLP, kernel: any GEMMKernel, capacity: Int) {
        require(capacity > 0, "capacity must be at least 1, not \(capacity)")
        self.network = network
        self.kernel = kernel
        self.capacity = capacity
        input = Matrix(rows: capacity, columns: network.inputCount)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
        outputs = network.layers.map { Matrix(rows: capacity, columns: $0.outputs) }
    }

    deinit { labels.deallocate() }

    /// Fills the batch with the examples of `data` at `indices`, on the kernel's threads
    /// when the data set allows it (`Dataset.fillsConcurrently`).
    public func fill<Data: Dataset>(from data: Data, indices: UnsafeBufferPointer<Int>) {
        require(indices.count <= capacity, "batch of \(indices.count) exceeds capacity \(capacity)")
        guard data.fillsConcurrently, data.featureCount > 0 else {
            return data.fill(batch: indices, features: input.storage, labels: labels)
        }
        let rowFill = self.rowFill as? RowFill<Data> ?? RowFill<Data>()
        self.rowFill = rowFill
        rowFill.start(data, indices: indices, features: input.storage, labels: labels)
        kernel.forEachPiece(of: indices.count * data.featureCount, rowFill)
        rowFill.finish()
    }

    /// Fills the batch with the examples of `data` at `indices`, such as a slice of a shuffled order.
    public func fill(from data: some Dataset, indices: ArraySlice<Int>) {
        indices.withUnsafeBufferPointer { fill(from: data, indices: $0) }
    }

    /// Layer `layer`'s output for example `row` of the last forward pass, after its
    /// activation (ReLU for the hidden layers; the logits for the last).
    public func output(ofLayer layer: Int, row: Int) -> [Float] {
        require(row < capacity, "row \(row) is beyond the batch's capacity \(capacity)")
        let width = network.layers[layer].outputs
        return Array(UnsafeBufferPointer(start: outputs[layer].storage + row * width, count: width))
    }

    /// Runs the first `rows` examples of `input` through every layer and returns the logits
    /// `[rows, classes]`. With `dropout` (training steps only), the hidden activations drop units.
    @discardableResult
    public func forward(rows: Int, dropout: Dropout? = nil) -> UnsafePointer<Float> {
        require(rows <= capacity, "batch of \(rows) exceeds capacity \(capacity)")
        var x = input
        for (index, layer) in network.layers.enumerated() {
            let y = outputs[index]
            // y[rows, outputs] = x · Wᵀ + b, from the uncommon entries alone when they are few.
            let skipped = index == 0 && forwardSkippingCommonInput(through: layer, into: y, rows: rows)
            if !skipped { layer.forward(x, into: y, rows: rows, kernel: kernel) }
            if index < network.layers.count - 1 {
                HiddenActivation.forward(y.storage, count: rows * layer.outputs, dropout: dropout)
            }
            x = y
        }
        return UnsafePointer(logits.storage)
    }

    /// Computes the first layer's product from the entries that differ from the batch's common
    /// value, as `firstLayerPath` (training) or `skipsCommonInput` (inference) asks, and returns
    /// whether it did; false leaves it to the dense product.
    private func forwardSkippingCommonInput(through layer: Dense, into y: Matrix, rows: Int) -> Bool {
        firstLayerWasSparse =
            switch firstLayerPath {
            case .dense: false
            case .sparse:
                sparseFirstLayer.forward(
                    input, through: layer, into: y, rows: rows, maximumDensity: nil, kernel: kernel)
            case .automatic:
                sparseFirstLayer.forward(
                    input, through: layer, into: y, rows: rows, maximumDensity: SparseFirstLayer.maximumDensity,
                    kernel: kernel)
            }
        if firstLayerWasSparse { return true }
        return skipsCommonInput && sparseInput?.forward(input, through: layer, into: y, rows: rows) == true
    }

    /// Runs `body`, whose forward passes must not change the network's weights, and prepares
    /// the first layer's weights for `skipsCommonInput` once for all of them instead of once
    /// per pass. `Evaluator` scores each call's batches inside one.
    public func withUnchangingWeights<Result>(_ body: () throws -> Result) rethrows -> Result {
        guard skipsCommonInput, let sparseInput else { return try body() }
        sparseInput.keepsWeights = true
        defer { sparseInput.keepsWeights = false }
        return try body()
    }

    /// Back-propagates `logitsGradient` through every layer to the input and returns
    /// ∂/∂input `[capacity, inputs]` (the first `rows` valid), changing no parameter's gradient:
    /// the weights are only read, so passes on other threads may share the network. Seed
    /// `logitsGradient` with the derivative of the quantity to explain, such as +1 on one
    /// logit and −1 on another, after `forward` on the same rows (without dropout).
    public func backwardToInput(rows: Int) -> Matrix {
        require(rows <= capacity, "batch of \(rows) exceeds capacity \(capacity)")
        for index in network.layers.indices.reversed() {
            let layer = network.layers[index]
            let isFirst = index == 0
            let dx = isFirst ? inputGradient : outputGradients[index - 1]
            layer.backwardToInput(outputGradient: outputGradients[index], into: dx, rows: rows, kernel: kernel)
            if !isFirst {
                HiddenActivation.backward(
                    output: outputs[index - 1].storage, gradient: dx.storage, count: rows * layer.inputs, dropout: nil)
            }
        }
        return inputGradient
    }

    /// Back-propagates `logitsGradient` through every layer, last first, filling each
    /// parameter's gradient; each weight gradient keeps `gradientCarry` times what its buffer
    /// held (pass the optimizer's `gradientCarry`; see `Dense.backward`). Call after `forward`
    /// on the same rows, with the same `dropout`.
    public func backward(rows: Int, dropout: Dropout? = nil, gradientCarry: Float) {
        for index in network.layers.indices.reversed() {
            let layer = network.layers[index]
            let isFirst = index == 0
            let x = isFirst ? input : outputs[index - 1]
            let dx = isFirst ? nil : outputGradients[index - 1]  // the input needs no gradient
            if isFirst && firstLayerWasSparse {
                sparseFirstLayer.backward(
                    outputGradient: outputGradients[index], through: layer, rows: rows, gradientCarry: gradientCarry,
                    kernel: kernel)
                continue
            }
            layer.backward(
                input: x, outputGradient: outputGradients[index], inputGradient: dx, rows: rows,
                gradientCarry: gradientCarry, kernel: kernel)
            if let dx {
                HiddenActivation.backward(
                    output: x.storage, gradient: dx.storage, count: rows * layer.inputs, dropout: dropout)
            }
        }
    }
}
