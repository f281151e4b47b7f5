import Foundation

/// Round tick values for an axis: multiples of 1, 2 or 5 times a power of ten.
public enum Ticks {
    /// The smallest of 1, 2, 5 or 10 times a power of ten that is at least `step`.
    public static func niceStep(atLeast step: Double) -> Double {
        precondition(step > 0 && step.isFinite, "a tick step must be positive and finite")
        let power = pow(10, floor(log10(step)))
        for multiple in [1.0, 2, 5, 10] where multiple * power >= step * (1 - 1e-9) {
            return multiple * power
        }
        return 10 * power
    }

    /// The step between about `count` ticks spanning `lower...upper`, never below
    /// `minimumStep` (1 for axes that count things such as epochs).
    public static func linearStep(_ lower: Double, _ upper: Double, count: Int = 5, minimumStep: Double = 0) -> Double {
        let span = upper - lower
        let raw = span > 0 ? span / Double(max(count, 1)) : max(abs(lower), 1)
        return max(niceStep(atLeast: raw), minimumStep)
    }

    /// Multiples of `step` from the first at or above `lower` to the last at or below `upper`.
    /// Each is computed as an integer times the step, so no rounding error piles up.
    public static func multiples(of step: Double, in lower: Double, _ upper: Double) -> [Double] {
        let slack = step * 1e-9
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { Double($0) * step }.filter { $0 >= lower - slack && $0 <= upper + slack }
    }

    /// Ticks for a logarithmic axis over `lower...upper` (both positive): 1, 2 and 5 times
    /// each power of ten when the range covers at most three decades, powers of ten otherwise.
    public static func logarithmic(_ lower: Double, _ upper: Double) -> [Double] {
        precondition(lower > 0 && upper >= lower, "a logarithmic axis needs a positive range")
        let firstDecade = Int(floor(log10(lower) + 1e-9))
        let lastDecade = Int(floor(log10(upper) + 1e-9))
        let multiples: [Double] = lastDecade - firstDecade <= 3 ? [1, 2, 5] : [1]
        var ticks: [Double] = []
        for decade in firstDecade...lastDecade {
            for multiple in multiples {
                let value = multiple * pow(10, Double(decade))
                if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { ticks.append(value) }
            }
        }
        return ticks
    }

    /// The 1-2-5 values just below `lower` and just above `upper`, so that a logarithmic axis
    /// begins and ends on a tick.
    public static func logarithmicBounds(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
        func below(_ value: Double) -> Double {
            let power = pow(10, floor(log10(value) + 1e-9))
            return [5.0, 2, 1].map { $0 * power }.first { $0 <= value * (1 + 1e-9) } ?? power
        }
        func above(_ value: Double) -> Double {
            let power = pow(10, floor(log10(value) + 1e-9))
            return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= value * (1 - 1e-9) } ?? 10 * power
        }
        return (below(lower), above(upper))
    }

    /// A tick value written with just enough decimals for `step` (the distance to its
    /// neighbour): `0.5`, `2`, `0.02`, never `0.30000000000000004`.
    public static func label(_ value: Double, step: Double) -> String {
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A logarithmic tick's label: its own magnitude decides the decimals.
    public static func label(logarithmic value: Double) -> String {
        label(value, step: value)
    }
}
