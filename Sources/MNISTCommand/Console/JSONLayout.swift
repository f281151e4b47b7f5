/// Layout of pretty-printed JSON for people reading it in a terminal.
enum JSONLayout {
    /// `json`, pretty-printed by `JSONEncoder`, with every array of plain numbers on one line:
    /// ten probabilities read as one row, a 28×28 image as 28 rows of 28 numbers, instead of a
    /// line per number. Only arrays the encoder broke over lines are joined; a raw newline
    /// never occurs inside a JSON string, so string contents are left as they are.
    static func numberArraysOnOneLine(_ json: String) -> String {
        json.replacing(/\[\n[ ]*(-?[0-9][0-9.eE+\-]*(?:,\n[ ]*-?[0-9][0-9.eE+\-]*)*)\n[ ]*\]/) { match in
            "[" + match.1.split(separator: ",").map { $0.drop { $0 == "\n" || $0 == " " } }.joined(separator: ", ")
                + "]"
        }
    }
}
