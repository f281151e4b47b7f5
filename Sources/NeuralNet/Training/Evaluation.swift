/// How a network did on a labelled data set.
public struct Evaluation: Sendable {
    /// `confusion[actual][predicted]` counts examples.
    public var confusion: [[Int]]
    /// The mean cross-entropy loss.
    public var meanLoss: Double

    /// The results of an evaluation: its confusion matrix and mean loss.
    public init(confusion: [[Int]], meanLoss: Double) {
        self.confusion = confusion
        self.meanLoss = meanLoss
    }

    /// The number of examples evaluated.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The number of examples classified correctly: the diagonal of the confusion matrix.
    public var correct: Int { confusion.indices.reduce(0) { $0 + confusion[$1][$1] } }
    /// The fraction classified correctly, in [0, 1].
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    /// For each class, how many examples are of it (the row sums).
    public var actualCounts: [Int] { confusion.map { $0.reduce(0, +) } }
    /// For each class, how many examples were predicted as it (the column sums).
    public var predictedCounts: [Int] {
        confusion.indices.map { predicted in confusion.reduce(0) { $0 + $1[predicted] } }
    }

    /// For each class, the fraction of its examples classified as it (nil if it has none):
    /// the per-class accuracy.
    public var recalls: [Double?] {
        shares(of: actualCounts)
    }

    /// For each class, the fraction of the examples classified as it that are of it (nil if
    /// none were classified as it).
    public var precisions: [Double?] {
        shares(of: predictedCounts)
    }

    /// Each class's correct count over its count in `counts`, nil where that is zero.
    private func shares(of counts: [Int]) -> [Double?] {
        confusion.indices.map { (index: Int) -> Double? in
            counts[index] == 0 ? nil : Double(confusion[index][index]) / Double(counts[index])
        }
    }
}
