import Charts
import Foundation
import MNIST

/// The two learning-curve charts: loss and accuracy over the epochs, as the report and the
/// page of `mnist serve` draw them (the page gets them from the server as SVG).
///
/// Both share an x axis in epochs. Training figures that are means over an epoch are drawn
/// at the epoch's middle (x = k − ½), where the model they average over was; validation is
/// measured after the epoch, at x = k.
public enum LearningCurves {
    /// Per-step losses are drawn with at most this many points.
    static let maximumStepPoints = 600

    /// Epochs from 0 to the planned last one, so that a run's curves grow into a fixed frame.
    static func epochAxis(_ history: TrainingHistory) -> LineChart.Axis {
        .init("epoch", including: [0, Double(history.plannedEpochs)], minimumStep: 1)
    }

    /// The per-step losses as points over the epochs (step k at x = k / steps per epoch), at
    /// most `maximumStepPoints` of them.
    static func stepCurve(_ values: [Double], _ history: TrainingHistory) -> [LineChart.Point] {
        let perEpoch = Double(history.stepsPerEpoch)
        return Smoothing.bucketMeans(values, maximumCount: maximumStepPoints).map {
            .init(x: ($0.index + 1) / perEpoch, y: $0.value)
        }
    }

    /// The per-step loss smoothed by an exponential average over about a fifth of an epoch (and
    /// at least over 10 steps), as points over the epochs.
    static func smoothedLoss(_ history: TrainingHistory) -> [LineChart.Point] {
        let span = max(10, Double(history.stepsPerEpoch) / 5)
        let smoothed = Smoothing.exponential(history.stepLosses.map(Double.init), weight: 1 - 2 / (span + 1))
        return stepCurve(smoothed, history)
    }

    /// The loss per step (raw and smoothed), per epoch and on validation, on a log axis.
    public static func loss(_ history: TrainingHistory) -> LineChart {
        var series: [LineChart.Series] = [
            .init(
                name: "training, per step", points: stepCurve(history.stepLosses.map(Double.init), history),
                color: SeriesColor.trainingLight, lineWidth: 1),
            .init(name: "training, smoothed", points: smoothedLoss(history), color: SeriesColor.training, lineWidth: 2),
            .init(
                name: "training, epoch mean",
                points: history.epochs.map { .init(x: Double($0.epoch) - 0.5, y: $0.trainingLoss) },
                color: SeriesColor.training, lineWidth: 1, showsMarkers: true,
                tooltips: history.epochs.map { "epoch \($0.epoch): training loss \(Format.fixed($0.trainingLoss, 4))" }),
        ]
        let validated = history.epochs.filter { $0.validationLoss != nil }
        if !validated.isEmpty {
            series.append(
                .init(
                    name: "validation", points: validated.map { .init(x: Double($0.epoch), y: $0.validationLoss!) },
                    color: SeriesColor.validation, showsMarkers: true,
                    tooltips: validated.map {
                        "epoch \($0.epoch): validation loss \(Format.fixed($0.validationLoss!, 4))"
                    }))
        }
        return LineChart(
            title: "Loss", x: epochAxis(history),
            y: .init("cross-entropy loss (log scale)", kind: .logarithmic), series: series)
    }

    /// Training and validation accuracy per epoch, and the test accuracy once it is measured.
    public static func accuracy(_ history: TrainingHistory, testAccuracy: Double?) -> LineChart {
        var series: [LineChart.Series] = [
            .init(
                name: "training",
                points: history.epochs.map { .init(x: Double($0.epoch) - 0.5, y: $0.trainingAccuracy * 100) },
                color: SeriesColor.training, showsMarkers: true,
                tooltips: history.epochs.map {
                    "epoch \($0.epoch): training accuracy \(Format.percent($0.trainingAccuracy))"
                })
        ]
        let validated = history.epochs.filter { $0.validationAccuracy != nil }
        if !validated.isEmpty {
            series.append(
                .init(
                    name: "validation",
                    points: validated.map { .init(x: Double($0.epoch), y: $0.validationAccuracy! * 100) },
                    color: SeriesColor.validation, showsMarkers: true,
                    tooltips: validated.map {
                        "epoch \($0.epoch): validation accuracy \(Format.percent($0.validationAccuracy!))"
                    }))
        }
        if let testAccuracy {
            let last = Double(history.epochs.last?.epoch ?? 0)
            series.append(
                .init(
                    name: "test, final", points: [.init(x: last, y: testAccuracy * 100)], color: SeriesColor.test,
                    lineWidth: 0, showsMarkers: true,
                    tooltips: ["after training: test accuracy \(Format.percent(testAccuracy))"]))
        }
        return LineChart(
            title: "Accuracy", x: epochAxis(history), y: .init("accuracy (%)"),
            series: series)
    }
}
