/// Scores a network on labelled data, a thousand examples at a time: mean loss, accuracy
/// and confusion matrix. Draws no random numbers and changes no weights; its buffers are
/// allocated once, on first use.
public final class Evaluator {
    public let network: MLP
    public let kernel: any GEMMKernel
    private let batchSize = 1000
    private var workspace: MLP.Workspace?

    public init(network: MLP, kernel: any GEMMKernel) {
        self.network = network
        self.kernel = kernel
    }

    /// The network's loss, accuracy and confusion matrix on `data`.
    public func evaluate<Data: TrainingData>(on data: Data) -> Evaluation {
        precondition(data.featureCount == network.inputCount, "data has \(data.featureCount) features, network expects \(network.inputCount)")
        let workspace = workspace ?? MLP.Workspace(for: network, capacity: batchSize)
        self.workspace = workspace
        let classes = network.classCount
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        var lossSum = 0.0
        var indices = Array(0..<min(batchSize, data.count))
        for first in stride(from: 0, to: data.count, by: batchSize) {
            let rows = min(batchSize, data.count - first)
            for offset in 0..<rows { indices[offset] = first + offset }
            indices.withUnsafeBufferPointer {
                data.fill(batch: UnsafeBufferPointer(rebasing: $0[0..<rows]), features: workspace.input.storage, labels: workspace.labels)
            }
            let logits = network.forward(workspace, rows: rows, kernel: kernel)
            lossSum += SoftmaxCrossEntropy.evaluate(
                logits: logits.storage, labels: workspace.labels, rows: rows, classes: classes, gradient: nil
            ).lossSum
            for row in 0..<rows {
                let predicted = SoftmaxCrossEntropy.argmax(logits.storage + row * classes, count: classes)
                confusion[Int(workspace.labels[row])][predicted] += 1
            }
        }
        return Evaluation(confusion: confusion, meanLoss: data.count == 0 ? 0 : lossSum / Double(data.count))
    }
}
