import Charts
import MNIST

/// Several training runs on one chart, as the page of `mnist serve` compares the runs started
/// from it: each run's smoothed loss on a log axis above its validation accuracy per epoch,
/// one colour per run (`SeriesColor.categorical`, in order) and one legend of the runs' labels.
public enum RunComparison {
    /// One run to compare: its label in the legend and its learning curves.
    public struct Run: Sendable {
        /// What sets the run apart, such as `Adam, lr 0.001`.
        public var label: String
        /// The run's losses and epochs so far.
        public var history: TrainingHistory

        /// A run labelled `label` with the curves of `history`.
        public init(label: String, history: TrainingHistory) {
            self.label = label
            self.history = history
        }
    }

    /// The loss and accuracy panels of `runs`, over epochs from 0 to the longest run's plan.
    public static func chart(_ runs: [Run]) -> ChartStack {
        let epochs = LineChart.Axis(
            "epoch", including: [0, Double(runs.map(\.history.plannedEpochs).max() ?? 1)], minimumStep: 1)
        let colors = runs.indices.map { SeriesColor.categorical[$0 % SeriesColor.categorical.count] }
        let loss = zip(runs, colors).map { run, color in
            LineChart.Series(name: run.label, points: LearningCurves.smoothedLoss(run.history), color: color)
        }
        let accuracy = zip(runs, colors).map { run, color in
            let validated = run.history.epochs.filter { $0.validationAccuracy != nil }
            return LineChart.Series(
                name: run.label, points: validated.map { .init(x: Double($0.epoch), y: $0.validationAccuracy! * 100) },
                color: color, showsMarkers: true,
                tooltips: validated.map {
                    "\(run.label), epoch \($0.epoch): validation accuracy \(Format.percent($0.validationAccuracy!))"
                })
        }
        return ChartStack(
            title: "Training runs compared",
            charts: [
                LineChart(
                    title: "Loss, smoothed", x: epochs, y: .init("cross-entropy loss (log scale)", kind: .logarithmic),
                    series: loss),
                LineChart(title: "Validation accuracy", x: epochs, y: .init("accuracy (%)"), series: accuracy),
            ])
    }
}
