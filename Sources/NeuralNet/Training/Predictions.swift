/// What a network said about each example of a data set: its class probabilities and the
/// class it picked.
public struct Predictions: Sendable {
    /// The number of classes.
    public let classCount: Int
    /// `[count, classCount]` softmax probabilities, example after example.
    public let probabilities: [Float]
    /// The class with the largest logit, per example (the first one on a tie).
    public let predicted: [Int]
    /// The true class, per example.
    public let labels: [Int]

    /// Predictions for `labels.count` examples.
    public init(classCount: Int, probabilities: [Float], predicted: [Int], labels: [Int]) {
        require(
            predicted.count == labels.count && probabilities.count == labels.count * classCount,
            "one prediction per example")
        self.classCount = classCount
        self.probabilities = probabilities
        self.predicted = predicted
        self.labels = labels
    }

    /// The number of examples.
    public var count: Int { labels.count }

    /// The probability the network gave class `label` for example `example`.
    public func probability(of label: Int, example: Int) -> Float {
        probabilities[example * classCount + label]
    }

    /// The probability of the class the network picked: how sure it was.
    public func confidence(example: Int) -> Float {
        probability(of: predicted[example], example: example)
    }

    /// Whether the network picked the true class of example `example`.
    public func isCorrect(example: Int) -> Bool { predicted[example] == labels[example] }

    /// `confusion[actual][predicted]` counts examples, as in `Evaluation`.
    public var confusion: [[Int]] {
        var confusion = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
        for example in 0..<count { confusion[labels[example]][predicted[example]] += 1 }
        return confusion
    }
}
