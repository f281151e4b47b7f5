import TestSupport
import Testing

@testable import NeuralNet

/// The first layer's sparse training products against the dense ones: the forward product, the
/// weight gradient (overwritten and carried) and the bias gradient, on ordinary and hard batches.
@Suite struct SparseFirstLayerTests {
    /// Rows of `columns` entries equal to `base` except a `density` share at random places,
    /// which lie above or below it (so that the base is not the darkest value).
    static func batch(rows: Int, columns: Int, base: Float, density: Double, seed: UInt64) -> Matrix {
        var generator = RandomGenerator(seed: seed)
        let matrix = Matrix(rows: rows, columns: columns, value: base)
        for index in 0..<matrix.count where generator.nextUnitDouble() < density {
            matrix.storage[index] = base + Float(generator.nextUnitDouble() * 6 - 3)
        }
        return matrix
    }

    /// The first layer's output and gradients for `input` and ∂y = `outputGradient`, the weight
    /// gradient carrying `carry` times `priorGradient`: through the reference kernel's dense
    /// products, or through `SparseFirstLayer` on `kernel` (nil if the batch did not qualify).
    static func products(
        of layer: Dense, input: Matrix, outputGradient: Matrix, rows: Int, carry: Float, priorGradient: [Float],
        sparseOn kernel: (any GEMMKernel)?, maximumDensity: Double? = nil
    ) -> (output: [Float], weightGradient: [Float], biasGradient: [Float])? {
        let output = Matrix(rows: rows, columns: layer.outputs, value: .nan)
        layer.weight.gradient.storage.update(from: priorGradient, count: priorGradient.count)
        layer.bias.gradient.fill(.nan)
        if let kernel {
            let sparse = SparseFirstLayer(layer: layer, capacity: rows)
            guard
                sparse.forward(
                    input, through: layer, into: output, rows: rows, maximumDensity: maximumDensity, kernel: kernel)
            else { return nil }
            sparse.backward(
                outputGradient: outputGradient, through: layer, rows: rows, gradientCarry: carry, kernel: kernel)
        } else {
            layer.forward(input, into: output, rows: rows, kernel: ReferenceKernel())
            layer.backward(
                input: input, outputGradient: outputGradient, inputGradient: nil, rows: rows, gradientCarry: carry,
                kernel: ReferenceKernel())
        }
        return (output.values, layer.weight.gradient.values, layer.bias.gradient.values)
    }

    static func expectClose(_ actual: [Float], _ expected: [Float], _ what: String) {
        #expect(actual.count == expected.count)
        let worst = zip(actual, expected).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
        #expect(worst < 2e-5, "\(what): largest relative difference \(worst)")
    }

    /// Checks the sparse products against the dense ones on `input`, with a zero carry and
    /// with momentum's carry over a non-zero prior gradient, on one thread and on two.
    static func expectAgreement(layerSizes: (inputs: Int, outputs: Int), input: Matrix, rows: Int) {
        let layer = TestNetworks.random(sizes: [layerSizes.inputs, layerSizes.outputs], seed: 3).layers[0]
        let outputGradient = batch(rows: rows, columns: layer.outputs, base: 0, density: 1, seed: 5)
        var generator = RandomGenerator(seed: 6)
        let prior = (0..<layer.weight.value.count).map { _ in Float(generator.nextNormal()) }
        for carry: Float in [0, 0.9] {
            let dense = products(
                of: layer, input: input, outputGradient: outputGradient, rows: rows, carry: carry, priorGradient: prior,
                sparseOn: nil)!
            for kernel: any GEMMKernel in [ReferenceKernel(), SwiftKernel(threads: 2)] {
                guard
                    let sparse = products(
                        of: layer, input: input, outputGradient: outputGradient, rows: rows, carry: carry,
                        priorGradient: prior, sparseOn: kernel)
                else {
                    Issue.record("the sparse path refused a batch with no density limit")
                    return
                }
                expectClose(sparse.output, dense.output, "forward, carry \(carry), \(kernel.name)")
                expectClose(
                    sparse.weightGradient, dense.weightGradient, "weight gradient, carry \(carry), \(kernel.name)")
                expectClose(sparse.biasGradient, dense.biasGradient, "bias gradient, carry \(carry), \(kernel.name)")
            }
        }
    }

    /// MNIST's shape and blank value at batch 64 and at a batch that ends in a partial group,
    /// widths with a partial last piece of sixteen outputs and of one piece alone, a column
    /// count that is not a multiple of eight.
    @Test(arguments: [(784, 128, 64), (784, 100, 63), (784, 10, 6), (37, 20, 9)])
    func matchesTheDenseProducts(inputs: Int, outputs: Int, rows: Int) {
        let input = Self.batch(rows: rows, columns: inputs, base: -0.4242, density: 0.19, seed: 4)
        Self.expectAgreement(layerSizes: (inputs, outputs), input: input, rows: rows)
    }

    /// All blank, all inked, one pixel, one row, the blank of another normalization (mean 0.5,
    /// std 0.25 makes it −2), and a blank that is the brightest value rather than the darkest.
    @Test(arguments: [
        ("all blank", -0.4242, 0.0, 64), ("all inked", -0.4242, 1.0, 64), ("one row", -0.4242, 0.19, 1),
        ("another normalization", -2.0, 0.19, 64), ("one pixel", -0.4242, 0.0, 13),
    ])
    func matchesTheDenseProductsOnHardBatches(name: String, base: Float, density: Double, rows: Int) {
        let input = Self.batch(rows: rows, columns: 784, base: base, density: density, seed: 7)
        if name == "one pixel" { input[rows - 1, 400] = 1.5 }
        if name == "all inked" {
            for index in 0..<input.count where input.storage[index] == base { input.storage[index] = base + 1 }
            input.storage[0] = base
        }
        Self.expectAgreement(layerSizes: (784, 128), input: input, rows: rows)
    }

    @Test func aBlankThatIsTheBrightestValue() {
        let input = Self.batch(rows: 64, columns: 784, base: 2.8, density: 0.2, seed: 8)
        for index in 0..<input.count { input.storage[index] = min(input.storage[index], 2.8) }
        Self.expectAgreement(layerSizes: (784, 128), input: input, rows: 64)
    }

    /// With a density limit, a batch whose groups differ from the base in more of their columns
    /// than the limit is refused, and one under it taken.
    @Test func refusesBatchesDenserThanTheLimit() {
        let layer = TestNetworks.random(sizes: [784, 32], seed: 3).layers[0]
        let gradient = Self.batch(rows: 64, columns: 32, base: 0, density: 1, seed: 5)
        let prior = [Float](repeating: 0, count: layer.weight.value.count)
        for (density, taken) in [(0.1, true), (0.9, false)] {
            let input = Self.batch(rows: 64, columns: 784, base: -0.4242, density: density, seed: 4)
            let result = Self.products(
                of: layer, input: input, outputGradient: gradient, rows: 64, carry: 0, priorGradient: prior,
                sparseOn: ReferenceKernel(), maximumDensity: SparseFirstLayer.maximumDensity)
            #expect((result != nil) == taken, "density \(density)")
        }
    }

    /// A batch pass on `automatic` takes the sparse path for a blank batch and the dense one for
    /// an inked batch, and says which; on `dense` it never does, on `sparse` always.
    @Test func batchPassTakesThePathItsRuleChooses() {
        let network = TestNetworks.random(sizes: [784, 16, 10], seed: 9)
        let pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: 64)
        for (path, density, sparse) in [
            (FirstLayerPath.automatic, 0.19, true), (.automatic, 0.9, false), (.dense, 0.19, false),
            (.sparse, 0.9, true),
        ] {
            pass.firstLayerPath = path
            pass.input.copy(from: Self.batch(rows: 64, columns: 784, base: -0.4242, density: density, seed: 10))
            pass.forward(rows: 64)
            #expect(pass.firstLayerWasSparse == sparse, "\(path) at density \(density)")
        }
    }
}

/// Rows shaped like normalized MNIST images (a blank value, an eighth of the entries inked at
/// random, so that a group of four rows differs from it in about 40% of the columns, as MNIST's do),
/// labelled by which half of the columns holds more ink, so that there is something to learn.
struct BlankMostlyImages: Dataset {
    let features: Matrix
    var count: Int { features.rows }
    var featureCount: Int { features.columns }

    init(count: Int, seed: UInt64) {
        features = SparseFirstLayerTests.batch(rows: count, columns: 784, base: -0.4242, density: 0.12, seed: seed)
        for row in 0..<count { features[row, 0] = -0.4242 }  // a blank corner, as in MNIST: the base the path reads
    }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            let source = self.features.storage + index * featureCount
            (features + row * featureCount).update(from: source, count: featureCount)
            let left = (0..<featureCount / 2).reduce(Float(0)) { $0 + source[$1] }
            let right = (featureCount / 2..<featureCount).reduce(Float(0)) { $0 + source[$1] }
            labels[row] = left > right ? 1 : 0
        }
    }
}

@Suite struct SparseFirstLayerTrainingTests {
    /// The weights after two epochs of SGD with momentum on `kernel`, from seed 9.
    func trainedWeights(path: FirstLayerPath, kernel: any GEMMKernel) throws -> (weights: [Float], share: Double) {
        var generator = RandomGenerator(seed: 9)
        let network = MLP(sizes: [784, 32, 16, 2])
        network.initialize(using: &generator)
        let sgd = SGD(parameters: network.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4)
        let trainer = Trainer(
            network: network, optimizer: sgd, kernel: kernel, batchSize: 64, shuffleSeed: generator.next(),
            firstLayerPath: path)
        let data = BlankMostlyImages(count: 300, seed: 4)
        var summary: EpochSummary?
        for _ in 0..<2 { summary = try trainer.trainEpoch(on: data) }
        return (network.parameters.flatMap(\.value.values), summary!.sparseFirstLayerShare)
    }

    /// The same seed gives the same weights bit for bit on the sparse path, on one thread and
    /// on two (each piece of outputs is summed whole by one thread), and every batch took it.
    @Test func sameSeedGivesIdenticalWeights() throws {
        let first = try trainedWeights(path: .automatic, kernel: SwiftKernel(threads: 1))
        let second = try trainedWeights(path: .automatic, kernel: SwiftKernel(threads: 1))
        let twoThreads = try trainedWeights(path: .automatic, kernel: SwiftKernel(threads: 2))
        #expect(first.weights == second.weights)
        #expect(first.weights == twoThreads.weights)
        #expect(first.share == 1)
    }

    /// The sparse and dense paths train the same network to rounding: after two epochs the
    /// weights differ by little, but they do differ (the sums run in another order).
    @Test func theSparsePathTrainsWhatTheDensePathTrains() throws {
        let sparse = try trainedWeights(path: .sparse, kernel: ReferenceKernel())
        let dense = try trainedWeights(path: .dense, kernel: ReferenceKernel())
        #expect(dense.share == 0 && sparse.share == 1)
        let worst = zip(sparse.weights, dense.weights).map { abs($0 - $1) }.max() ?? 0
        #expect(worst > 0 && worst < 1e-3, "largest weight difference \(worst)")
    }
}
