import NeuralNet
import TestSupport
import Testing

/// Random rows with labels that cycle through the classes, so that every cell of a
/// confusion matrix can be filled.
struct LabelledRows: Dataset {
    let features: [Float]
    let featureCount: Int
    let classes: Int
    var count: Int { features.count / featureCount }

    init(rows: Int, featureCount: Int, classes: Int, seed: UInt64) {
        var generator = RandomGenerator(seed: seed)
        features = (0..<rows * featureCount).map { _ in Float(generator.nextNormal()) }
        self.featureCount = featureCount
        self.classes = classes
    }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            for column in 0..<featureCount {
                features[row * featureCount + column] = self.features[index * featureCount + column]
            }
            labels[row] = Int32(index % classes)
        }
    }
}

@Suite struct EvaluatorTests {
    let network = TestNetworks.random(sizes: [20, 16, 4], seed: 7)
    /// 26 full batches of 128 and a partial one of 72, so that the threads take turns unevenly.
    let data = LabelledRows(rows: 3_400, featureCount: 20, classes: 4, seed: 8)

    static var kernelKinds: [KernelKind] { KernelKind.allCases }

    /// Scoring batches side by side on several kernels gives exactly what one kernel gives:
    /// each batch is computed by one single-threaded kernel and the results are combined in
    /// batch order.
    @Test(arguments: kernelKinds)
    func severalKernelsScoreExactlyAsOne(kind: KernelKind) {
        let one = Evaluator(network: network, kernel: kind.make(threads: 1))
        let several = Evaluator(network: network, kernels: kind.makePerThread(count: 3))
        let (expected, actual) = (one.evaluate(on: data), several.evaluate(on: data))
        #expect(actual.confusion == expected.confusion)
        #expect(actual.meanLoss == expected.meanLoss)
        #expect(actual.count == data.count)
        #expect(Set(actual.confusion.flatMap { $0 }).count > 2, "a confusion matrix with more than one kind of cell")
        #expect(several.logits(on: data).map(\.bitPattern) == one.logits(on: data).map(\.bitPattern))
        let (expectedPredictions, predictions) = (one.predictions(on: data), several.predictions(on: data))
        #expect(predictions.probabilities == expectedPredictions.probabilities)
        #expect(predictions.predicted == expectedPredictions.predicted)
        #expect(predictions.labels == (0..<data.count).map { $0 % 4 })
    }

    @Test func anEmptyDataSetScoresNothing() {
        let empty = LabelledRows(rows: 0, featureCount: 20, classes: 4, seed: 9)
        let evaluator = Evaluator(network: network, kernels: KernelKind.swift.makePerThread(count: 2))
        let evaluation = evaluator.evaluate(on: empty)
        #expect(evaluation.count == 0 && evaluation.meanLoss == 0)
        #expect(evaluator.logits(on: empty).isEmpty)
    }

    /// The same logits as the reference kernel, row for row, whichever thread scored them.
    @Test func severalKernelsKeepTheRowsInOrder() {
        let logits = Evaluator(network: network, kernels: KernelKind.swift.makePerThread(count: 2)).logits(on: data)
        let reference = Evaluator(network: network, kernel: ReferenceKernel()).logits(on: data)
        #expect(logits.count == reference.count)
        let worst = zip(logits, reference).map { abs($0 - $1) / (abs($1) + 1) }.max() ?? 0
        #expect(worst < 1e-4, "largest relative difference \(worst)")
    }
}
