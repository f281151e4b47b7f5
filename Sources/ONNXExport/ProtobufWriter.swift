/// The protobuf wire format (protobuf.dev/programming-guides/encoding), as much of it as an
/// ONNX model needs: integers as varints, and strings, bytes, packed floats and nested
/// messages as length-delimited fields. A repeated integer field is that many fields.
///
/// Fields are written in the order the calls come; writing them in field-number order, as
/// protobuf's own encoders do, makes the bytes the same as theirs.
struct ProtobufWriter {
    /// The message so far.
    private(set) var bytes: [UInt8] = []

    /// How a field's value is laid out after its key.
    private enum WireType: UInt64 {
        case varint = 0
        case lengthDelimited = 2
    }

    /// An `int32`, `int64` or enum field. Negative numbers take ten bytes, as in protobuf.
    mutating func integer(_ field: Int, _ value: some BinaryInteger) {
        key(field, .varint)
        varint(UInt64(bitPattern: Int64(value)))
    }

    mutating func string(_ field: Int, _ value: String) {
        bytes(field, value.utf8)
    }

    mutating func bytes(_ field: Int, _ value: some Collection<UInt8>) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A repeated `float` field, packed: four little-endian bytes each.
    mutating func packedFloats(_ field: Int, _ values: [Float]) {
        bytes(field, values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) })
    }

    /// A message field, whose fields `write` writes.
    mutating func message(_ field: Int, _ write: (inout ProtobufWriter) -> Void) {
        var message = ProtobufWriter()
        write(&message)
        bytes(field, message.bytes)
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    /// Seven bits per byte, least significant first, the high bit set on all but the last.
    private mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
