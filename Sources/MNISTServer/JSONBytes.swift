#if Server
/// JSON text being written: arrays of numbers appended without a `String` per number.
struct JSONBytes {
    var bytes: [UInt8] = []

    /// Room for `capacity` bytes; the default fits a predict answer of a model with a few
    /// hundred hidden units (about 3 kB with 128).
    init(capacity: Int = 8 * 1024) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) { bytes += text.utf8 }

    /// `[1,-2,3]`.
    mutating func append(integers: [some BinaryInteger]) {
        bytes.append(UInt8(ascii: "["))
        for (index, number) in integers.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if number < 0 { bytes.append(UInt8(ascii: "-")) }
            let magnitude = Int(number.magnitude)
            var divisor = 1
            while divisor <= magnitude / 10 { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
                divisor /= 10
            }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[0.5,1e-05]`: finite floats in their shortest round-trip form.
    mutating func append(floats: [Float]) {
        bytes.append(UInt8(ascii: "["))
        for (index, number) in floats.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if number == 0 { bytes.append(UInt8(ascii: "0")) } else { bytes += number.description.utf8 }
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
#endif
