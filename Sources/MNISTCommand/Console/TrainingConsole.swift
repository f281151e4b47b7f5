import Foundation
import MNIST
import NeuralNet

/// What `mnist train` shows while it trains: a progress bar during each epoch, then one line
/// per epoch, then the per-class test accuracy.
struct TrainingConsole {
    let epochs: Int
    private var bar = ProgressBar()

    init(epochs: Int) { self.epochs = epochs }

    /// Redraws the progress bar of the epoch in progress.
    mutating func show(_ progress: EpochProgress) {
        bar.update(
            label: "epoch \(progress.epoch)/\(epochs)", done: progress.batch, total: progress.batchCount,
            detail: "loss \(Format.fixed(progress.meanLoss, 4))  acc \(Format.percent(progress.accuracy))")
    }

    /// Replaces the bar with the epoch's line, such as
    /// `epoch  3/10  loss 0.0912  train 97.21%  val 97.40%  1.21 s  45,454 samples/s`.
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
                + (savedAsBest ? "  saved as the best" : ""))
        fflush(nil)  // so that a long run can be followed through a pipe or a file
    }

    /// The accuracy on each digit's test images.
    func printPerClass(_ result: Evaluation) {
        print("per-class test accuracy:")
        for (digit, accuracy) in result.recalls.enumerated() {
            print("  \(digit): \(accuracy.map(Format.percent) ?? "-") of \(Format.grouped(result.actualCounts[digit]))")
        }
    }
}
