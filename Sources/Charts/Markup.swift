/// Text made safe for XML and HTML: in element content and in quoted attribute values.
public enum Markup {
    /// `text` with `& < > " '` replaced by entities, and the control characters that XML 1.0
    /// forbids (all below U+0020 except tab, line feed and carriage return) replaced by U+FFFD,
    /// so that any string, such as a file path, yields a well-formed document.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate or length for an attribute: at most two decimals, no trailing zeros,
    /// no `-0`, so documents stay small and stable.
    public static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        var text = String(format: "%.2f", hundredths / 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
