import Charts
import Foundation
import MNIST

/// The confusion matrix as a heatmap: true class down (labelled as `DataSet.classLabel` says),
/// predicted class across (by number), the count in every cell. Colours follow log(1 + count),
/// so the few mistakes show beside the many hits.
enum ConfusionChart {
    static func heatmap(_ confusion: [[Int]], classes: DataSet) -> Heatmap {
        let numbers = confusion.indices.map(String.init)
        let noun = classes.classNoun
        let tooltips = confusion.indices.map { truth in
            let total = confusion[truth].reduce(0, +)
            return confusion[truth].indices.map { guess in
                let count = confusion[truth][guess]
                let share = total == 0 ? 0 : Double(count) / Double(total)
                return
                    "true \(classes.classLabel(truth)), predicted \(classes.classLabel(guess)): \(count) image\(count == 1 ? "" : "s") (\(Format.percent(share, decimals: 1)) of the \(classes.isDigits ? "\(truth)s" : classes.classNames[truth]))"
            }
        }
        return Heatmap(
            title: "Confusion matrix, test set", values: confusion.map { $0.map(Double.init) },
            cellLabels: confusion.map { $0.map(String.init) }, tooltips: tooltips,
            rowLabels: confusion.indices.map(classes.classLabel), columnLabels: numbers, rowTitle: "true \(noun)",
            columnTitle: "predicted \(noun)",
            colorMap: .blues, colorScale: .logarithmic)
    }
}
