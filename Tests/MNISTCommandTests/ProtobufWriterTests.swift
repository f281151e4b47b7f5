import Testing

@testable import ONNXExport

/// The protobuf encoder that ONNX export writes with, against the byte-level examples of
/// protobuf's encoding guide (protobuf.dev/programming-guides/encoding) and the rules it states.
@Suite struct ProtobufWriterTests {
    static func written(_ write: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var writer = ProtobufWriter()
        write(&writer)
        return writer.bytes
    }

    @Test func integersAreVarintsAfterTheirKey() {
        // The guide's first example: field 1 set to 150.
        #expect(Self.written { $0.integer(1, 150) } == [0x08, 0x96, 0x01])
        #expect(Self.written { $0.integer(1, 0) } == [0x08, 0x00])
        #expect(Self.written { $0.integer(1, 127) } == [0x08, 0x7F])
        #expect(Self.written { $0.integer(1, 128) } == [0x08, 0x80, 0x01])
        // A negative int64 is its two's complement: ten bytes.
        #expect(Self.written { $0.integer(1, -1) } == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        // Field numbers from 16 up take a two-byte key (field 20, varint: 20 << 3 = 160).
        #expect(Self.written { $0.integer(20, 2) } == [0xA0, 0x01, 0x02])
    }

    @Test func stringsAndBytesAreLengthDelimited() {
        // The guide's example: field 2 set to "testing".
        #expect(Self.written { $0.string(2, "testing") } == [0x12, 0x07] + Array("testing".utf8))
        #expect(Self.written { $0.string(1, "") } == [0x0A, 0x00])
        #expect(Self.written { $0.string(1, "é") } == [0x0A, 0x02, 0xC3, 0xA9])
        let long = [UInt8](repeating: 7, count: 300)
        #expect(Self.written { $0.bytes(9, long) } == [0x4A, 0xAC, 0x02] + long)
    }

    @Test func messagesNestAsLengthDelimitedFields() {
        // The guide's example: field 3 holding a message whose field 1 is 150.
        #expect(Self.written { $0.message(3) { $0.integer(1, 150) } } == [0x1A, 0x03, 0x08, 0x96, 0x01])
        #expect(Self.written { $0.message(1) { _ in } } == [0x0A, 0x00])
    }

    @Test func packedFloatsAreLittleEndianAfterOneLength() {
        // 1.0 is 0x3F800000 and -2.5 is 0xC0200000.
        let written = Self.written { $0.packedFloats(4, [1, -2.5]) }
        #expect(written == [0x22, 0x08] + [0x00, 0x00, 0x80, 0x3F] + [0x00, 0x00, 0x20, 0xC0])
    }
}
