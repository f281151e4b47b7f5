import Foundation
import MNIST

/// The report's numbers as CSV, for people who plot elsewhere.
enum CSVTables {
    /// One row per epoch: `epoch, training_loss, training_accuracy, validation_loss,
    /// validation_accuracy, learning_rate, seconds, samples_per_second`. Accuracies are
    /// fractions in [0, 1]; validation cells are empty without a validation set.
    static func metrics(_ history: TrainingHistory) -> String {
        var lines = [
            "epoch,training_loss,training_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,samples_per_second"
        ]
        for epoch in history.epochs {
            let cells = [
                String(epoch.epoch), Format.fixed(epoch.trainingLoss, 6), Format.fixed(epoch.trainingAccuracy, 6),
                epoch.validationLoss.map { Format.fixed($0, 6) } ?? "",
                epoch.validationAccuracy.map { Format.fixed($0, 6) } ?? "",
                Format.significant(epoch.learningRate, 6), Format.fixed(epoch.seconds, 4),
                Format.fixed(epoch.samplesPerSecond, 1),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The confusion matrix with a header row: `true\predicted,0,1,…` then one row per true class.
    static func confusion(_ confusion: [[Int]]) -> String {
        let header = (["true\\predicted"] + confusion.indices.map(String.init)).joined(separator: ",")
        let rows = confusion.enumerated().map {
            ([String($0.offset)] + $0.element.map(String.init)).joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }
}
