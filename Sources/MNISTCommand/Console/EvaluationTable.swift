import MNIST
import NeuralNet

/// An evaluation as aligned text tables.
enum EvaluationTable {
    /// The confusion matrix: one row per true digit, one column per predicted digit.
    static func confusionMatrix(_ evaluation: Evaluation) -> [String] {
        let classes = evaluation.confusion.indices
        let widest = evaluation.confusion.joined().map { String($0).count }.max() ?? 1
        let width = max(widest, 2) + 2
        func row(_ label: String, _ cells: [String]) -> String {
            label.padded(to: 6) + cells.map { $0.leftPadded(to: width) }.joined()
        }
        return [
            "confusion matrix (rows: true digit, columns: predicted digit)",
            row("", classes.map(String.init)),
        ]
            + classes.map { row("  \($0)", evaluation.confusion[$0].map { String($0) }) }
    }

    /// Precision, recall and the number of test images of each digit.
    static func perClass(_ evaluation: Evaluation) -> [String] {
        let header = "digit  precision   recall  images"
        let rows = zip(evaluation.precisions, evaluation.recalls).enumerated().map { digit, metrics in
            String(digit).leftPadded(to: 5)
                + (metrics.0.map(Format.percent) ?? "-").leftPadded(to: 11)
                + (metrics.1.map(Format.percent) ?? "-").leftPadded(to: 9)
                + Format.grouped(evaluation.actualCounts[digit]).leftPadded(to: 8)
        }
        return [header] + rows
    }
}
