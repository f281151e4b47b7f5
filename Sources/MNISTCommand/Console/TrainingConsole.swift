import Foundation
import MNIST
import NeuralNet

/// What `mnist train` shows while it trains: a progress bar during each epoch, then one line
/// per epoch, then the per-class test accuracy.
struct TrainingConsole {
    let epochs: Int
    /// Whether each epoch's line also says which path the first layer's products took.
    let verbose: Bool
    private var bar = ProgressBar()

    init(epochs: Int, verbose: Bool = false) {
        self.epochs = epochs
        self.verbose = verbose
    }

    /// Redraws the progress bar of the epoch in progress.
    mutating func show(_ progress: EpochProgress) {
        bar.update(
            label: "epoch \(progress.epoch)/\(epochs)", done: progress.batch, total: progress.batchCount,
            detail: "loss \(Format.fixed(progress.meanLoss, 4))  acc \(Format.percent(progress.accuracy))")
    }

    /// Replaces the bar with the epoch's line, such as
    /// `epoch  3/10  loss 0.0912  train 97.21%  val 97.40%  1.21 s  45,454 samples/s`, and with
    /// `verbose` the share of its batches whose first layer took the sparse products,
    /// `  first layer sparse 100.0% of 860 batches`.
    func printEpoch(_ epoch: EpochReport, savedAsBest: Bool) {
        bar.clear()
        let summary = epoch.summary
        let validationText = epoch.validation.map { Format.percent($0.accuracy) } ?? "-"
        print(
            "epoch \(String(summary.epoch).leftPadded(to: String(epochs).count))/\(epochs)"
                + "  loss \(Format.fixed(summary.meanLoss, 4))"
                + "  train \(Format.percent(summary.accuracy))"
                + "  val \(validationText)"
                + "  \(Format.fixed(summary.seconds, 2)) s"
                + "  \(Format.grouped(Int(summary.samplesPerSecond.rounded()))) samples/s"
                + (verbose
                    ? "  first layer sparse \(Format.percent(summary.sparseFirstLayerShare, decimals: 1)) of \(Format.grouped(summary.batches)) batches"
                    : "")
                + (savedAsBest ? "  saved as the best" : ""))
        fflush(nil)  // so that a long run can be followed through a pipe or a file
    }

    /// The accuracy on each class's test images.
    func printPerClass(_ result: Evaluation, classes: DataSet) {
        print("per-class test accuracy:")
        for (label, accuracy) in result.recalls.enumerated() {
            print(
                "  \(classes.classLabel(label)): \(accuracy.map(Format.percent) ?? "-") of \(Format.grouped(result.actualCounts[label]))"
            )
        }
    }
}
