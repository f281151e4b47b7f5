import Charts
import Foundation
import MNIST

/// The confusion matrix as a heatmap: true digit down, predicted digit across, the count in
/// every cell. Colours follow log(1 + count), so the few mistakes show beside the many hits.
enum ConfusionChart {
    static func heatmap(_ confusion: [[Int]]) -> Heatmap {
        let digits = confusion.indices.map(String.init)
        let tooltips = confusion.indices.map { truth in
            let total = confusion[truth].reduce(0, +)
            return confusion[truth].indices.map { guess in
                let count = confusion[truth][guess]
                let share = total == 0 ? 0 : Double(count) / Double(total)
                return
                    "true \(truth), predicted \(guess): \(count) image\(count == 1 ? "" : "s") (\(Format.percent(share, decimals: 1)) of the \(truth)s)"
            }
        }
        return Heatmap(
            title: "Confusion matrix, test set", values: confusion.map { $0.map(Double.init) },
            cellLabels: confusion.map { $0.map(String.init) }, tooltips: tooltips,
            rowLabels: digits, columnLabels: digits, rowTitle: "true digit", columnTitle: "predicted digit",
            colorMap: .blues, colorScale: .logarithmic)
    }
}
