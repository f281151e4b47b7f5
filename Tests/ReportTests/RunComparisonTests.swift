import Charts
import Foundation
import MNIST
import Testing

@testable import Report

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct RunComparisonTests {
    /// A run of `epochs` planned epochs of 5 steps each, of which `done` are done, its losses
    /// scaled by `scale`.
    static func history(epochs: Int, done: Int, scale: Double) -> TrainingHistory {
        var history = TrainingHistory(stepsPerEpoch: 5, plannedEpochs: epochs)
        for step in 0..<done * 5 { history.record(stepLoss: scale * 2.3 / Double(step + 1)) }
        for epoch in 1...done {
            history.record(
                .init(
                    epoch: epoch, trainingLoss: scale, trainingAccuracy: 0.8, validationLoss: scale,
                    validationAccuracy: 0.8 + 0.05 * Double(epoch) / scale, learningRate: 0.01, seconds: 1,
                    samplesPerSecond: 100))
        }
        return history
    }

    @Test func eachRunIsOneSeriesPerPanelInItsOwnColourWithItsLabel() throws {
        let runs = [
            RunComparison.Run(label: "SGD+momentum, lr 0.03", history: Self.history(epochs: 2, done: 2, scale: 1)),
            RunComparison.Run(label: "Adam, lr 0.001", history: Self.history(epochs: 3, done: 1, scale: 2)),
        ]
        let stack = RunComparison.chart(runs)
        #expect(stack.charts.count == 2)
        let (loss, accuracy) = (stack.charts[0], stack.charts[1])
        #expect(loss.y.kind == .logarithmic && accuracy.y.kind == .linear)
        for chart in stack.charts {
            #expect(chart.series.map(\.name) == ["SGD+momentum, lr 0.03", "Adam, lr 0.001"])
            #expect(chart.series.map(\.color) == Array(SeriesColor.categorical.prefix(2)))
            // The epoch axis covers the longest plan.
            #expect(chart.x.including == [0, 3])
        }
        // The smoothed loss, one point per step (so few steps need no bucketing), at step / steps per epoch.
        #expect(loss.series[0].points.count == 10 && loss.series[1].points.count == 5)
        #expect(loss.series[0].points.last?.x == 2)
        // Validation accuracy in percent after each epoch.
        #expect(accuracy.series[0].points.map(\.x) == [1, 2])
        #expect(accuracy.series[1].points.map(\.y) == [82.5])

        let svg = stack.svg()
        let root = try XMLDocument(xmlString: svg, options: []).rootElement()
        let texts = try root?.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue) ?? []
        #expect(texts.filter { $0 == "SGD+momentum, lr 0.03" }.count == 1)
        #expect(texts.filter { $0 == "Adam, lr 0.001" }.count == 1)
        #expect(texts.contains("Loss, smoothed") && texts.contains("Validation accuracy"))
        #expect(try root?.nodes(forXPath: "//*[local-name()='polyline']").count == 4)
    }
}
