/// A 28×28 digit as text: two characters per pixel (so it looks square), darker characters
/// for stronger ink, inside a frame so that the empty field shows.
enum DigitArt {
    /// From paper (space) to the strongest ink.
    static let ramp = Array(" .:-=+*#%@")

    static func lines(_ pixels: [UInt8], side: Int = 28) -> [String] {
        let border = "+" + String(repeating: "-", count: 2 * side) + "+"
        var lines = [border]
        for y in 0..<side {
            let row = (0..<side).map { x -> String in
                let level = Int(pixels[y * side + x]) * (ramp.count - 1) / 255
                return String(repeating: ramp[level], count: 2)
            }
            lines.append("|" + row.joined() + "|")
        }
        lines.append(border)
        return lines
    }
}
