import Foundation
import NeuralNet
import Testing

@Suite struct LearningRateScheduleTests {
    /// `actual` within float rounding of `expected`.
    func expectRate(_ actual: Float, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            abs(Double(actual) - expected) <= 1e-7 + 1e-6 * expected, "\(actual), expected \(expected)",
            sourceLocation: sourceLocation)
    }

    @Test func cosineFallsFromTheBaseRateToZero() {
        let schedule = LearningRateSchedule.cosine
        #expect(schedule.learningRate(base: 0.1, step: 0, totalSteps: 100) == 0.1)
        #expect(abs(schedule.learningRate(base: 0.1, step: 50, totalSteps: 100) - 0.05) < 1e-7)
        #expect(
            abs(
                schedule.learningRate(base: 0.1, step: 25, totalSteps: 100) - 0.1
                    * Float(0.5 + 0.5 * cos(Double.pi / 4))) < 1e-7)
        #expect(schedule.learningRate(base: 0.1, step: 100, totalSteps: 100) < 1e-9)
        #expect(schedule.learningRate(base: 0.1, step: 150, totalSteps: 100) < 1e-9)  // past the plan: stays at 0
    }

    @Test func constantNeverChanges() {
        for step in [0, 7, 1000] {
            #expect(LearningRateSchedule.constant.learningRate(base: 0.3, step: step, totalSteps: 10) == 0.3)
        }
    }

    @Test func warmUpClimbsLinearlyFromATwentyFifthThenCosineRunsOverTheRest() {
        let schedule = LearningRateSchedule(.cosine, warmupSteps: 10)
        let rate = { schedule.learningRate(base: 0.1, step: $0, totalSteps: 110) }
        expectRate(rate(0), 0.004)  // 0.1 / 25
        expectRate(rate(5), 0.1 * (0.04 + 0.96 * 0.5))
        expectRate(rate(9), 0.1 * (0.04 + 0.96 * 0.9))
        expectRate(rate(10), 0.1)  // the peak, then the cosine over the remaining 100 steps
        expectRate(rate(35), 0.05 * (1 + cos(Double.pi / 4)))
        expectRate(rate(60), 0.05)
        #expect(rate(110) < 1e-9)
    }

    @Test func oneCycleClimbsThenFallsInStraightLines() {
        let schedule = LearningRateSchedule.oneCycle(warmupSteps: 30)
        let rate = { schedule.learningRate(base: 1, step: $0, totalSteps: 100) }
        expectRate(rate(0), 0.04)
        expectRate(rate(15), 0.52)
        expectRate(rate(30), 1)
        expectRate(rate(65), 0.5)
        expectRate(rate(99), 1.0 / 70)
        #expect(rate(100) == 0)
        #expect(rate(130) == 0)
    }

    @Test func stepMultipliesByTheFactorEveryInterval() {
        let schedule = LearningRateSchedule(.step(interval: 10, factor: 0.1))
        let rate = { schedule.learningRate(base: 0.5, step: $0, totalSteps: 40) }
        expectRate(rate(0), 0.5)
        expectRate(rate(9), 0.5)
        expectRate(rate(10), 0.05)
        expectRate(rate(25), 0.005)
        expectRate(rate(39), 0.0005)
    }

    @Test func stepCountsItsIntervalsFromTheStartOfTheRunAfterAWarmUp() {
        let schedule = LearningRateSchedule(.step(interval: 10, factor: 0.5), warmupSteps: 4)
        let rate = { schedule.learningRate(base: 1, step: $0, totalSteps: 30) }
        expectRate(rate(0), 0.04)
        expectRate(rate(2), 0.52)
        expectRate(rate(4), 1)
        expectRate(rate(10), 0.5)
        expectRate(rate(20), 0.25)
    }

    @Test func namedSchedulesAreTheGeneralOnes() {
        #expect(LearningRateSchedule.cosine == LearningRateSchedule(.cosine, warmupSteps: 0))
        #expect(LearningRateSchedule.oneCycle(warmupSteps: 7) == LearningRateSchedule(.linear, warmupSteps: 7))
        #expect(LearningRateSchedule.oneCycle(warmupSteps: 7) != LearningRateSchedule(.linear, warmupSteps: 8))
    }
}
