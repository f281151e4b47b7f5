import Foundation

/// Numbers as the command line and the report show them, such as `1,234`, `97.85%`, `3 epochs`.
package enum Format {
    /// `1234567` as `1,234,567`.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A fraction in [0, 1] as a percentage with two decimals, such as `97.85%`.
    package static func percent(_ fraction: Double) -> String { percent(fraction, decimals: 2) }

    /// A fraction in [0, 1] as a percentage with `decimals` digits after the point: `97.9%`.
    package static func percent(_ fraction: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f%%", fraction * 100)
    }

    /// A probability as a percentage that never rounds up to 100% unless it is exactly 1, so
    /// that a confident guess never reads as a certain one: `97%`, `99.7%`, `>99.9%`, `3.2%`.
    package static func probability(_ probability: Float) -> String {
        if probability == 1 { return "100%" }
        let value = Double(probability) * 100
        if value >= 99.95 { return ">99.9%" }
        return percent(Double(probability), decimals: value < 10 || value >= 99.5 ? 1 : 0)
    }

    /// A count and its noun, singular for one: `1 epoch`, `100 epochs`.
    package static func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `value` with `decimals` digits after the point.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `value` with at most `digits` significant digits, as C's `%g` writes it: `0.001`,
    /// `1.23e-05`.
    package static func significant(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)g", value)
    }

    /// `value` in scientific notation with `digits` significant digits, whatever its size, so
    /// that a column of such numbers lines up: `7.36e-04`, `1.00e-09`.
    package static func scientific(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits - 1)e", value)
    }

    /// A number of epochs as people write it: `3`, `1.5`.
    package static func epochs(_ value: Double) -> String { String(format: "%g", value) }
}
