import Foundation

/// Numbers as the command line and the report show them, such as `1,234`, `97.85%`, `3 epochs`.
public enum Format {
    /// `1234567` as `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A fraction in [0, 1] as a percentage with two decimals, such as `97.85%`.
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.2f%%", fraction * 100)
    }

    /// A count and its noun, singular for one: `1 epoch`, `100 epochs`.
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `value` with `decimals` digits after the point.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// A number of epochs as people write it: `3`, `1.5`.
    public static func epochs(_ value: Double) -> String { String(format: "%g", value) }
}
