/// JSON text being written byte by byte, without a `String` or an `Encodable` per value: how
/// `mnist predict --json` and `mnist serve` write a prediction (`PredictionRecord`), hundreds of
/// times a second on the server. Values come out as `JSONEncoder` writes them (floats in their
/// shortest round-trip form, `1` rather than `1.0`; strings escaped, slashes not); compact, or
/// laid out as `mnist predict --json` prints: two spaces a level, `"key" : value`, and each array
/// of numbers on one line (`[1, 2, 3]`).
package struct JSONBytes {
    /// The UTF-8 JSON text written so far; complete once every object and array is closed.
    package var bytes: [UInt8] = []
    /// Whether members and elements go on lines of their own.
    package let pretty: Bool
    /// How many objects and arrays are open.
    private var depth = 0
    /// Whether the innermost open object or array has no member yet.
    private var empty = true

    /// Room for `capacity` bytes; the default fits a predict answer of a model with a few
    /// hundred hidden units (about 3 kB with 128).
    package init(capacity: Int = 8 * 1024, pretty: Bool = false) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Raw JSON text, written as it is.
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Raw JSON text known when the program is built (no `String` made).
    package mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Opens an object (`{`) or an array (`[`) as the next value.
    private mutating func open(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        depth += 1
        empty = true
    }

    /// Closes the innermost object (`}`) or array (`]`).
    private mutating func close(_ bracket: Unicode.Scalar) {
        depth -= 1
        if pretty && !empty { newLine() }
        bytes.append(UInt8(ascii: bracket))
        empty = false
    }

    /// Starts the next member of the open object: `"name":` (`name` needs no escaping).
    package mutating func key(_ name: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        let separator: StaticString = pretty ? "\" : " : "\":"
        append(separator)
    }

    /// The member `key` written by `write`, unless `value` is nil (left out, as `JSONEncoder`
    /// leaves out an absent optional).
    package mutating func member<Value>(
        _ key: StaticString, _ value: Value?, _ write: (inout JSONBytes, Value) -> Void
    ) {
        guard let value else { return }
        self.key(key)
        write(&self, value)
    }

    /// An array whose elements `write` writes, one by one.
    package mutating func array<Element>(_ elements: [Element], _ write: (inout JSONBytes, Element) -> Void) {
        open("[")
        for element in elements {
            self.element()
            write(&self, element)
        }
        close("]")
    }

    /// An object whose members `write` writes.
    package mutating func object(_ write: (inout JSONBytes) -> Void) {
        open("{")
        write(&self)
        close("}")
    }

    /// Starts the next element of the open array: the comma before it, if any.
    private mutating func element() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        if pretty { newLine() }
        empty = false
    }

    private mutating func newLine() {
        bytes.append(UInt8(ascii: "\n"))
        bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// `"text"`, escaped as `JSONEncoder` escapes it with `.withoutEscapingSlashes`.
    package mutating func append(string: String) {
        var string = string
        bytes.append(UInt8(ascii: "\""))
        string.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x08: append(#"\b"#)
                case 0x0C: append(#"\f"#)
                case UInt8(ascii: "\n"): append(#"\n"#)
                case UInt8(ascii: "\r"): append(#"\r"#)
                case UInt8(ascii: "\t"): append(#"\t"#)
                case ..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    append(#"\u00"#)
                    bytes += [hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)]]
                default: bytes += [UInt8(ascii: "\\"), byte]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `true` or `false`.
    package mutating func append(bool: Bool) { append(bool ? "true" : "false") }

    /// An integer in decimal.
    package mutating func append(integer number: some BinaryInteger) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(number.magnitude)
        // The digits from the last, into room for the longest (20 digits), then copied one by
        // one: most are one to three digits long.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            for digit in digits[first...] { bytes.append(digit) }
        }
    }

    /// A finite float in its shortest round-trip form, as `JSONEncoder` writes it: `0.5`,
    /// `1e-05`, and `1` for `1.0`.
    package mutating func append(float number: Float) {
        var text = number.description
        text.withUTF8 { text in
            let integral = text.count > 2 && text[text.count - 2] == UInt8(ascii: ".") && text.last == UInt8(ascii: "0")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text.dropLast(integral ? 2 : 0)))
        }
    }

    /// `[1,-2,3]`, or `[1, -2, 3]` pretty-printed.
    package mutating func append(integers: [some BinaryInteger]) {
        bytes.append(UInt8(ascii: "["))
        for (index, number) in integers.enumerated() {
            if index > 0 { separateNumbers() }
            append(integer: number)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[0.5,1e-05]`, or `[0.5, 1e-05]` pretty-printed.
    package mutating func append(floats: [Float]) {
        bytes.append(UInt8(ascii: "["))
        for (index, number) in floats.enumerated() {
            if index > 0 { separateNumbers() }
            append(float: number)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func separateNumbers() {
        bytes.append(UInt8(ascii: ","))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }
}
