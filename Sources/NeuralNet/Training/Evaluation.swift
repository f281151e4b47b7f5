/// How a network did on a labelled data set.
public struct Evaluation: Sendable {
    /// `confusion[actual][predicted]` counts examples.
    public var confusion: [[Int]]
    /// The mean cross-entropy loss.
    public var meanLoss: Double

    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    public var correct: Int { confusion.indices.reduce(0) { $0 + confusion[$1][$1] } }
    /// The fraction classified correctly, in [0, 1].
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    /// For each class, the fraction of its examples classified correctly (nil if it has none).
    public var classAccuracies: [Double?] {
        confusion.indices.map { actual in
            let total = confusion[actual].reduce(0, +)
            return total == 0 ? nil : Double(confusion[actual][actual]) / Double(total)
        }
    }
}
