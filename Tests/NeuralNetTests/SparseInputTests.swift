import TestSupport
import Testing

@testable import NeuralNet

/// Rows shaped like normalized MNIST images: every entry is `base` except a `density` share
/// at random places, which hold other values.
func rowsWithCommonValue(rows: Int, columns: Int, base: Float, density: Double, seed: UInt64) -> Matrix {
    var generator = RandomGenerator(seed: seed)
    let matrix = Matrix(rows: rows, columns: columns, value: base)
    for index in 0..<matrix.count where generator.nextUnitDouble() < density {
        matrix.storage[index] = base + 0.1 + Float(generator.nextUnitDouble()) * 3
    }
    return matrix
}

@Suite struct SparseInputTests {
    /// The dense product on the reference kernel, `input · Wᵀ + b`.
    func denseForward(_ input: Matrix, through layer: Dense, rows: Int) -> [Float] {
        let output = Matrix(rows: rows, columns: layer.outputs)
        layer.forward(input, into: output, rows: rows, kernel: ReferenceKernel())
        return output.values
    }

    func expectClose(_ actual: [Float], _ expected: [Float]) {
        #expect(actual.count == expected.count)
        let worst = zip(actual, expected).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
        #expect(worst < 1e-5, "largest relative difference \(worst)")
    }

    /// Widths of whole pieces of sixteen outputs (128), with a partial last piece (100), and
    /// a partial piece alone (10); row counts that end on a whole chunk, on a partial chunk of
    /// whole groups, and on a group of one row.
    @Test(arguments: [(128, 256), (100, 300), (10, 257)])
    func matchesTheDenseProduct(outputs: Int, rows: Int) {
        let columns = 784
        let layer = TestNetworks.random(sizes: [columns, outputs], seed: 3).layers[0]
        for (index, value) in (0..<outputs).enumerated() { layer.bias.value.storage[index] = Float(value) * 0.01 }
        let input = rowsWithCommonValue(rows: rows, columns: columns, base: -0.4242, density: 0.19, seed: 4)
        let sparse = SparseInput(layer: layer)
        let output = Matrix(rows: rows, columns: outputs, value: .nan)
        #expect(sparse.forward(input, through: layer, into: output, rows: rows))
        expectClose(output.values, denseForward(input, through: layer, rows: rows))
    }

    /// A column count that is not a multiple of sixteen reads its last entries one by one.
    @Test func readsTheColumnsPastTheLastSixteen() {
        let layer = TestNetworks.random(sizes: [37, 20], seed: 5).layers[0]
        let input = rowsWithCommonValue(rows: 256, columns: 37, base: 0, density: 0.2, seed: 6)
        for row in 0..<256 { input[row, 36] = 1.5 }  // the last column always differs
        let output = Matrix(rows: 256, columns: 20)
        #expect(SparseInput(layer: layer).forward(input, through: layer, into: output, rows: 256))
        expectClose(output.values, denseForward(input, through: layer, rows: 256))
    }

    @Test func leavesSmallBatchesToTheDenseProduct() {
        let layer = TestNetworks.random(sizes: [784, 16], seed: 3).layers[0]
        let rows = SparseInput.minimumRows - 1
        let input = rowsWithCommonValue(rows: rows, columns: 784, base: 0, density: 0.1, seed: 4)
        #expect(
            !SparseInput(layer: layer).forward(input, through: layer, into: Matrix(rows: rows, columns: 16), rows: rows)
        )
    }

    /// Too many differing columns in any group of rows, even in the last one only, sends
    /// the whole batch to the dense product.
    @Test func leavesDenseRowsToTheDenseProduct() {
        let layer = TestNetworks.random(sizes: [784, 16], seed: 3).layers[0]
        let rows = 300
        let dense = rowsWithCommonValue(rows: rows, columns: 784, base: 0, density: 0.9, seed: 4)
        let sparse = SparseInput(layer: layer)
        #expect(!sparse.forward(dense, through: layer, into: Matrix(rows: rows, columns: 16), rows: rows))
        let denseEnd = rowsWithCommonValue(rows: rows, columns: 784, base: 0, density: 0.1, seed: 4)
        #expect(sparse.forward(denseEnd, through: layer, into: Matrix(rows: rows, columns: 16), rows: rows))
        for column in 0..<784 { denseEnd[rows - 1, column] = 2 }
        #expect(!sparse.forward(denseEnd, through: layer, into: Matrix(rows: rows, columns: 16), rows: rows))
    }

    /// A pass's logits are the same with and without skipping the common input: to rounding
    /// on sparse rows, and exactly on dense ones, which take the dense product either way.
    @Test func batchPassGivesTheSameLogitsEitherWay() {
        let network = TestNetworks.random(sizes: [784, 32, 10], seed: 9)
        let rows = 400
        for (density, exact) in [(0.2, false), (0.8, true)] {
            let input = rowsWithCommonValue(rows: rows, columns: 784, base: -0.4242, density: density, seed: 10)
            var logits: [[Float]] = []
            for skips in [true, false] {
                let pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: rows)
                pass.skipsCommonInput = skips
                pass.input.copy(from: input)
                pass.forward(rows: rows)
                logits.append(Array(pass.logits.values[0..<rows * 10]))
            }
            if exact { #expect(logits[0] == logits[1]) } else { expectClose(logits[0], logits[1]) }
        }
    }

    /// An evaluator transposes the first layer's weights once per call and uses them for
    /// every batch of the call, then reads them again in the next call, after they changed.
    @Test func evaluatorReadsTheWeightsOfEachCall() {
        let network = TestNetworks.random(sizes: [784, 32, 10], seed: 11)
        let rows = 2_300  // batches of 128, the last of 124 rows (dense)
        let data = MatrixRows(
            matrix: rowsWithCommonValue(rows: rows, columns: 784, base: -0.4242, density: 0.2, seed: 12))
        let evaluator = Evaluator(network: network, kernel: ReferenceKernel())
        for _ in 0..<2 {
            let reference = BatchPass(network: network, kernel: ReferenceKernel(), capacity: rows)
            reference.input.copy(from: data.matrix)
            reference.forward(rows: rows)
            expectClose(evaluator.logits(on: data), Array(reference.logits.values[0..<rows * 10]))
            let weight = network.layers[0].weight.value
            for index in 0..<weight.count { weight.storage[index] *= -0.5 }
        }
    }
}

/// The rows of a matrix as a data set, all labelled 0.
struct MatrixRows: Dataset {
    let matrix: Matrix
    var count: Int { matrix.rows }
    var featureCount: Int { matrix.columns }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            (features + row * featureCount).update(from: matrix.storage + index * featureCount, count: featureCount)
            labels[row] = 0
        }
    }
}
