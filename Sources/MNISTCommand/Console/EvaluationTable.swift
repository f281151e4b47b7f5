import MNIST
import NeuralNet

/// An evaluation as aligned text tables.
enum EvaluationTable {
    /// The confusion matrix: one row per true class, one column per predicted class.
    static func confusionMatrix(_ evaluation: Evaluation, classes: DataSet) -> [String] {
        let labels = evaluation.confusion.indices
        let widest = evaluation.confusion.joined().map { String($0).count }.max() ?? 1
        let width = max(widest, 2) + 2
        let labelWidth = max(6, widestLabel(classes) + 3)
        func row(_ label: String, _ cells: [String]) -> String {
            label.padded(to: labelWidth) + cells.map { $0.leftPadded(to: width) }.joined()
        }
        return [
            "confusion matrix (rows: true \(classes.classNoun), columns: predicted \(classes.classNoun))",
            row("", labels.map(String.init)),
        ]
            + labels.map { row("  \(classes.classLabel($0))", evaluation.confusion[$0].map { String($0) }) }
    }

    /// Precision, recall and the number of test images of each class.
    static func perClass(_ evaluation: Evaluation, classes: DataSet) -> [String] {
        let digits = classes.isDigits
        let labelWidth = max(5, widestLabel(classes))
        func labelColumn(_ text: String) -> String {
            digits ? text.leftPadded(to: labelWidth) : text.padded(to: labelWidth)
        }
        let header = labelColumn(classes.classNoun) + "  precision   recall  images"
        let rows = zip(evaluation.precisions, evaluation.recalls).enumerated().map { label, metrics in
            labelColumn(classes.classLabel(label))
                + (metrics.0.map(Format.percent) ?? "-").leftPadded(to: 11)
                + (metrics.1.map(Format.percent) ?? "-").leftPadded(to: 9)
                + Format.grouped(evaluation.actualCounts[label]).leftPadded(to: 8)
        }
        return [header] + rows
    }

    /// The length of the longest class label.
    private static func widestLabel(_ classes: DataSet) -> Int {
        classes.classNames.indices.map { classes.classLabel($0).count }.max() ?? 1
    }
}
