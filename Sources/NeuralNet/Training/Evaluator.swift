/// Scores a network on labelled data, a thousand examples at a time: mean loss, accuracy
/// and confusion matrix, or every example's class probabilities. Draws no random numbers and
/// changes no weights; its buffers are allocated once, on first use.
public final class Evaluator {
    /// The network it measures; its weights are only read.
    public let network: MLP
    /// Runs the forward passes' matrix products.
    public let kernel: any GEMMKernel
    private let batchSize = 1000
    private var pass: BatchPass?

    /// An evaluator of `network` on `kernel`; it allocates its buffers on first use.
    public init(network: MLP, kernel: any GEMMKernel) {
        self.network = network
        self.kernel = kernel
    }

    /// The network's loss, accuracy and confusion matrix on `data`.
    public func evaluate(on data: some Dataset) -> Evaluation {
        let classes = network.classCount
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        var lossSum = 0.0
        forwardInBatches(data) { _, rows, logits, labels in
            lossSum += SoftmaxCrossEntropy.forward(logits: logits, labels: labels, rows: rows, classes: classes).lossSum
            for row in 0..<rows {
                let predicted = SoftmaxCrossEntropy.argmax(logits + row * classes, count: classes)
                confusion[Int(labels[row])][predicted] += 1
            }
        }
        return Evaluation(confusion: confusion, meanLoss: data.count == 0 ? 0 : lossSum / Double(data.count))
    }

    /// The class probabilities and the predicted class of every example of `data`, in order;
    /// the predictions are the ones `evaluate` counts.
    public func predictions(on data: some Dataset) -> Predictions {
        let classes = network.classCount
        var probabilities = [Float](repeating: 0, count: data.count * classes)
        var predicted = [Int](repeating: 0, count: data.count)
        var labels = [Int](repeating: 0, count: data.count)
        probabilities.withUnsafeMutableBufferPointer { probabilities in
            forwardInBatches(data) { first, rows, logits, batchLabels in
                for row in 0..<rows {
                    let z = logits + row * classes
                    predicted[first + row] = SoftmaxCrossEntropy.argmax(z, count: classes)
                    labels[first + row] = Int(batchLabels[row])
                    SoftmaxCrossEntropy.softmax(
                        z, count: classes, into: probabilities.baseAddress! + (first + row) * classes)
                }
            }
        }
        return Predictions(classCount: classes, probabilities: probabilities, predicted: predicted, labels: labels)
    }

    /// The logits `[count, classes]` of every example of `data`, example after example.
    public func logits(on data: some Dataset) -> [Float] {
        var logits: [Float] = []
        logits.reserveCapacity(data.count * network.classCount)
        forwardInBatches(data) { _, rows, batchLogits, _ in
            logits += UnsafeBufferPointer(start: batchLogits, count: rows * network.classCount)
        }
        return logits
    }

    /// Runs every example of `data` forward, in order, and hands `body` each batch's first
    /// index, row count, logits `[rows, classes]` and labels `[rows]`.
    private func forwardInBatches(
        _ data: some Dataset,
        _ body: (_ first: Int, _ rows: Int, _ logits: UnsafePointer<Float>, _ labels: UnsafePointer<Int32>) -> Void
    ) {
        precondition(
            data.featureCount == network.inputCount,
            "data has \(data.featureCount) features, network expects \(network.inputCount)")
        // Buffers for no more rows than the data has, so that scoring one image (a server's
        // request) allocates little; a later, larger data set gets larger ones.
        let rowsNeeded = max(1, min(batchSize, data.count))
        let pass =
            if let pass, pass.capacity >= rowsNeeded { pass } else {
                BatchPass(network: network, kernel: kernel, capacity: rowsNeeded)
            }
        self.pass = pass
        var indices = Array(0..<min(batchSize, data.count))
        for first in stride(from: 0, to: data.count, by: batchSize) {
            let rows = min(batchSize, data.count - first)
            for offset in 0..<rows { indices[offset] = first + offset }
            indices.withUnsafeBufferPointer {
                pass.fill(from: data, indices: UnsafeBufferPointer(rebasing: $0[0..<rows]))
            }
            body(first, rows, pass.forward(rows: rows, dropout: nil), pass.labels)
        }
    }
}
