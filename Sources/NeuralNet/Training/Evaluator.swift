import Dispatch
import Synchronization

/// Scores a network on labelled data, 128 examples at a time: mean loss, accuracy
/// and confusion matrix, or every example's class probabilities. Draws no random numbers and
/// changes no weights; its buffers are allocated once, on first use.
///
/// Given several kernels, it scores that many batches at once, one per thread and kernel,
/// each thread taking the next batch as it finishes one: a free core then does more of the
/// work, and a core that another program keeps busy less. Each batch is computed wholly by
/// one kernel and the results are combined in batch order, so they do not depend on which
/// thread scored which batch.
///
/// Its first layer's products skip the inputs that equal the batch's common value, such as
/// MNIST's blank pixels, when few others differ (`BatchPass.skipsCommonInput`); the weights
/// they need transposed are transposed once per call.
public final class Evaluator {
    /// The network it measures; its weights are only read.
    public let network: MLP
    /// The kernels that run the forward passes' matrix products, each one batch at a time.
    public let kernels: [any GEMMKernel]
    /// Small enough that a batch's inputs (400 KB) are still in the core's cache when its
    /// first layer reads them back, and that threads share a data set's batches evenly.
    private let batchSize = 128
    private var passes: [BatchPass?]

    /// An evaluator of `network` on `kernel`; it allocates its buffers on first use.
    public convenience init(network: MLP, kernel: any GEMMKernel) {
        self.init(network: network, kernels: [kernel])
    }

    /// An evaluator of `network` that scores `kernels.count` batches at once, each on its own
    /// thread and kernel (single-threaded kernels, typically one per core).
    public init(network: MLP, kernels: [any GEMMKernel]) {
        require(!kernels.isEmpty, "an evaluator needs at least one kernel")
        self.network = network
        self.kernels = kernels
        passes = Array(repeating: nil, count: kernels.count)
    }

    /// The network's loss, accuracy and confusion matrix on `data`.
    public func evaluate(on data: some Dataset) -> Evaluation {
        let classes = network.classCount
        let batches = batchCount(data)
        // One slot per batch, filled by whichever thread scores it, and combined in order.
        var lossSums = [Double](repeating: 0, count: batches)
        var confusions = [Int](repeating: 0, count: batches * classes * classes)
        lossSums.withUnsafeMutableBufferPointer { lossSums in
            confusions.withUnsafeMutableBufferPointer { confusions in
                forwardInBatches(data) { first, rows, logits, labels in
                    let batch = first / batchSize
                    lossSums[batch] =
                        SoftmaxCrossEntropy.forward(
                            logits: logits, labels: labels, rows: rows, classes: classes
                        ).lossSum
                    let confusion = confusions.baseAddress! + batch * classes * classes
                    for row in 0..<rows {
                        let predicted = SoftmaxCrossEntropy.argmax(logits + row * classes, count: classes)
                        confusion[Int(labels[row]) * classes + predicted] += 1
                    }
                }
            }
        }
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (cell, count) in confusions.enumerated() {
            confusion[cell / classes % classes][cell % classes] += count
        }
        let lossSum = lossSums.reduce(0, +)
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
            predicted.withUnsafeMutableBufferPointer { predicted in
                labels.withUnsafeMutableBufferPointer { labels in
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
            }
        }
        return Predictions(classCount: classes, probabilities: probabilities, predicted: predicted, labels: labels)
    }

    /// The logits `[count, classes]` of every example of `data`, example after example.
    public func logits(on data: some Dataset) -> [Float] {
        let classes = network.classCount
        var logits = [Float](repeating: 0, count: data.count * classes)
        logits.withUnsafeMutableBufferPointer { logits in
            forwardInBatches(data) { first, rows, batchLogits, _ in
                (logits.baseAddress! + first * classes).update(from: batchLogits, count: rows * classes)
            }
        }
        return logits
    }

    /// Runs every example of `data` forward and hands `body` each batch's first index, row
    /// count, logits `[rows, classes]` and labels `[rows]`; with several kernels, batches run
    /// at the same time on different threads, so `body` may only write what belongs to its batch.
    private func forwardInBatches(
        _ data: some Dataset,
        _ body: (_ first: Int, _ rows: Int, _ logits: UnsafePointer<Float>, _ labels: UnsafePointer<Int32>) -> Void
    ) {
        require(
            data.featureCount == network.inputCount,
            "data has \(data.featureCount) features, network expects \(network.inputCount)")
        let batches = batchCount(data)
        // Buffers for no more rows than the data has, so that scoring one image (a server's
        // request) allocates little; a later, larger data set gets larger ones.
        let rowsNeeded = max(1, min(batchSize, data.count))
        let threads = max(1, min(kernels.count, batches))
        let nextBatch = Atomic(0)
        passes.withUnsafeMutableBufferPointer { passes in
            func scoreBatches(worker: Int) {
                // Each thread makes its own pass: the passes' pages are first touched at the
                // same time, by the cores that use them.
                if (passes[worker]?.capacity ?? 0) < rowsNeeded {
                    passes[worker] = BatchPass(network: network, kernel: kernels[worker], capacity: rowsNeeded)
                    passes[worker]!.skipsCommonInput = true
                }
                let pass = passes[worker]!
                var indices = [Int](repeating: 0, count: rowsNeeded)
                pass.withUnchangingWeights {
                    while true {
                        let batch = nextBatch.add(1, ordering: .relaxed).oldValue
                        guard batch < batches else { return }
                        let first = batch * batchSize
                        let rows = min(batchSize, data.count - first)
                        for offset in 0..<rows { indices[offset] = first + offset }
                        indices.withUnsafeBufferPointer {
                            pass.fill(from: data, indices: UnsafeBufferPointer(rebasing: $0[0..<rows]))
                        }
                        body(first, rows, pass.forward(rows: rows, dropout: nil), pass.labels)
                    }
                }
            }
            if threads <= 1 { return scoreBatches(worker: 0) }
            withoutActuallyEscaping(scoreBatches) { scoreBatches in
                let work = ConcurrentWork(perform: scoreBatches)
                DispatchQueue.concurrentPerform(iterations: threads) { work.perform($0) }
            }
        }
    }

    private func batchCount(_ data: some Dataset) -> Int { (data.count + batchSize - 1) / batchSize }
}

/// The batch loop that several threads run at once.
// Sendable: each thread makes and uses only its own `BatchPass` (its own slot of `passes`) and kernel, takes batches from an atomic counter, and `body` writes only its own batch's slots.
private struct ConcurrentWork: @unchecked Sendable {
    let perform: (_ worker: Int) -> Void
}
