import Foundation

/// Maps data values onto a pixel interval, linearly or logarithmically, and chooses the
/// axis ticks to go with it.
public struct Scale: Sendable {
    /// How data values are spaced along the pixel interval.
    public enum Kind: Sendable {
        /// Equal differences take equal distances.
        case linear
        /// Equal ratios take equal distances (by `log10`); only positive values can be shown.
        case logarithmic
    }

    /// Linear or logarithmic; decides both the mapping and where the ticks fall.
    public let kind: Kind
    /// The data interval's lower end, already widened to begin on a tick.
    public let lower: Double
    /// The data interval's upper end, already widened to end on a tick.
    public let upper: Double
    /// The tick values, ascending, within `lower...upper`.
    public let ticks: [Double]
    /// One label per tick, with just enough decimals (such as `0.5`, `2`, `0.02`).
    public let labels: [String]
    /// The pixel position of `lower`: the left end of an x axis, the bottom of a y axis.
    public var start: Double
    /// The pixel position of `upper`; smaller than `start` for a y axis, whose pixels grow downwards.
    public var end: Double

    /// A scale that covers `values`, widened to round tick values.
    ///
    /// - Parameters:
    ///   - kind: linear or logarithmic.
    ///   - values: the data the scale must cover.
    ///   - including: values the range must also cover (such as 0 for a loss axis).
    ///   - tickCount: about how many ticks to draw (linear scales).
    ///   - minimumStep: the smallest allowed tick step, such as 1 for whole epochs.
    ///   - start: the pixel position of the lower end of the range.
    ///   - end: the pixel position of the upper end (smaller than `start` for a y axis).
    public init(
        kind: Kind = .linear, covering values: [Double], including: [Double] = [], tickCount: Int = 5,
        minimumStep: Double = 0, start: Double = 0, end: Double = 1
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        let finite = (values + including).filter { $0.isFinite && (kind == .linear || $0 > 0) }
        var low = finite.min() ?? (kind == .linear ? 0 : 1)
        var high = finite.max() ?? (kind == .linear ? 1 : 10)
        switch kind {
        case .linear:
            if low == high {
                let pad = low == 0 ? 1 : abs(low) * 0.1
                low -= pad
                high += pad
            }
            let step = Ticks.linearStep(low, high, count: tickCount, minimumStep: minimumStep)
            lower = (low / step + 1e-9).rounded(.down) * step
            upper = (high / step - 1e-9).rounded(.up) * step
            ticks = Ticks.multiples(of: step, in: lower, upper)
            labels = ticks.map { Ticks.label($0, step: step) }
        case .logarithmic:
            if low == high {
                low /= 2
                high *= 2
            }
            (lower, upper) = Ticks.logarithmicBounds(low, high)
            ticks = Ticks.logarithmic(lower, upper)
            labels = ticks.map { Ticks.label(logarithmic: $0) }
        }
    }

    /// The pixel position of `value`; values outside the range land outside the interval.
    public func callAsFunction(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear: fraction = (value - lower) / (upper - lower)
        case .logarithmic: fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return start + fraction * (end - start)
    }
}
