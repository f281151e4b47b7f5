import Charts
import Testing

@Suite struct TicksTests {
    @Test(arguments: [
        (0.3, 0.5), (1, 1), (1.2, 2), (2, 2), (3, 5), (7, 10), (0.0004, 0.0005), (45, 50), (0.1, 0.1),
    ])
    func niceStepIsTheNextOneTwoOrFive(raw: Double, nice: Double) {
        #expect(abs(Ticks.niceStep(atLeast: raw) - nice) < nice * 1e-12)
    }

    @Test func linearScaleWidensToRoundTicks() {
        let scale = Scale(covering: [0.12, 0.97], tickCount: 5)
        #expect(scale.lower == 0 && scale.upper == 1)
        #expect(scale.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func tenthsCarryNoRoundingError() {
        let ticks = Ticks.multiples(of: 0.1, in: 0, 0.3)
        #expect(ticks.count == 4)
        #expect(ticks.map { Ticks.label($0, step: 0.1) } == ["0.0", "0.1", "0.2", "0.3"])
    }

    @Test func percentagesGetWholeNumberLabels() {
        let scale = Scale(covering: [91.3, 97.1, 98.6], tickCount: 5)
        #expect(scale.lower == 90 && scale.upper == 100)
        #expect(scale.labels == ["90", "92", "94", "96", "98", "100"])
    }

    @Test func epochAxisNeverStepsBelowOne() {
        let scale = Scale(covering: [0, 0.5, 1.5, 2], tickCount: 6, minimumStep: 1)
        #expect(scale.ticks == [0, 1, 2])
        #expect(scale.labels == ["0", "1", "2"])
    }

    @Test func includedValuesWidenTheRange() {
        let scale = Scale(covering: [3, 4], including: [0])
        #expect(scale.lower == 0 && scale.upper == 4)
    }

    @Test func aSingleValueGetsARangeAroundIt() {
        let scale = Scale(covering: [5, 5])
        #expect(scale.lower < 5 && scale.upper > 5)
        #expect(scale.ticks.count >= 2)
        let zero = Scale(covering: [0])
        #expect(zero.lower < 0 && zero.upper > 0)
    }

    @Test func negativeZeroIsWrittenAsZero() {
        #expect(Ticks.label(-0.0001, step: 0.1) == "0.0")
        #expect(Ticks.label(-0.5, step: 0.5) == "-0.5")
    }

    @Test func logarithmicTicksFollowOneTwoFive() {
        let scale = Scale(kind: .logarithmic, covering: [0.023, 2.3])
        #expect(scale.lower == 0.02 && scale.upper == 5)
        #expect(scale.labels == ["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5"])
    }

    @Test func manyDecadesGetPowersOfTenOnly() {
        let ticks = Ticks.logarithmic(0.001, 1000)
        #expect(ticks.map { Ticks.label(logarithmic: $0) } == ["0.001", "0.01", "0.1", "1", "10", "100", "1000"])
    }

    @Test func logarithmicScaleIgnoresValuesAtOrBelowZero() {
        let scale = Scale(kind: .logarithmic, covering: [0, -1, 0.3, 0.9])
        #expect(scale.lower == 0.2 && scale.upper == 1)
    }
}

@Suite struct ScaleTests {
    @Test func linearMapsEndsAndMiddle() {
        let scale = Scale(covering: [0, 10], start: 100, end: 300)
        #expect(scale(0) == 100)
        #expect(scale(10) == 300)
        #expect(scale(2.5) == 150)
    }

    @Test func yAxisRunsUpward() {
        let scale = Scale(covering: [0, 1], start: 200, end: 20)
        #expect(scale(0) == 200)
        #expect(scale(1) == 20)
        #expect(scale(0.5) == 110)
    }

    @Test func logarithmicPutsEachDecadeEquallyFar() {
        let scale = Scale(kind: .logarithmic, covering: [1, 100], start: 0, end: 200)
        #expect(abs(scale(1)) < 1e-9)
        #expect(abs(scale(10) - 100) < 1e-9)
        #expect(abs(scale(100) - 200) < 1e-9)
    }
}

@Suite struct SmoothingTests {
    @Test func exponentialAverageStartsAtTheFirstValue() {
        let smoothed = Smoothing.exponential([4, 4, 4, 0], weight: 0.5)
        #expect(smoothed[0] == 4 && smoothed[1] == 4 && smoothed[2] == 4)
        // (0.5·(0.5·(0.5·2 + 2) + 2) + 0) / (1 − 1/16), by hand: 1.75 / 0.9375.
        #expect(abs(smoothed[3] - 1.75 / 0.9375) < 1e-12)
        #expect(Smoothing.exponential([3, 1, 2], weight: 0) == [3, 1, 2])
    }

    @Test func bucketMeansKeepTheAverageAndPlaceEachPointAtItsRunsMiddle() {
        let points = Smoothing.bucketMeans([1, 3, 5, 7, 9], maximumCount: 2)
        // Runs of three: [1, 3, 5] and [7, 9].
        #expect(points.map(\.index) == [1, 3.5])
        #expect(points.map(\.value) == [3, 8])
        let few = Smoothing.bucketMeans([2, 4], maximumCount: 10)
        #expect(few.map(\.index) == [0, 1] && few.map(\.value) == [2, 4])
    }
}
