import Foundation
import NeuralNet
import Testing

/// A safetensors file assembled byte by byte: the 8-byte little-endian header length,
/// the header text as given, then `payload`. `length` overrides the header length.
func safeTensorsFile(header: String, payload: [UInt8] = [], length: UInt64? = nil) -> Data {
    let json = Array(header.utf8)
    let declared = length ?? UInt64(json.count)
    return Data((0..<8).map { UInt8(truncatingIfNeeded: declared >> (8 * $0)) } + json + payload)
}

@Suite struct SafeTensorsTests {
    static let sample: SafeTensors = {
        let floats: [Float] = [1.5, -2, 0, .leastNonzeroMagnitude, 3.25, -0.0]
        return SafeTensors(
            tensors: [
                "w": floats.withUnsafeBufferPointer { SafeTensors.Tensor(shape: [2, 3], floats: $0) },
                "b": [Float(7)].withUnsafeBufferPointer { SafeTensors.Tensor(shape: [1], floats: $0) },
                "ids": SafeTensors.Tensor(dtype: .int16, shape: [2], bytes: Data([1, 0, 255, 255])),
            ],
            metadata: ["note": "ünïcode \"quoted\"", "answer": "42"])
    }()

    @Test func roundTripsTensorsAndMetadata() throws {
        let bytes = Self.sample.encoded()
        let parsed = try SafeTensors(parsing: bytes, name: "sample")
        #expect(parsed == Self.sample)
        let floats = try #require(parsed.tensors["w"]?.floats)
        #expect(
            floats.map(\.bitPattern) == ([1.5, -2, 0, .leastNonzeroMagnitude, 3.25, -0.0] as [Float]).map(\.bitPattern))
        #expect(parsed.tensors["ids"]?.floats == nil, "an I16 tensor has no float view")
    }

    @Test func writesTheLayoutOtherImplementationsExpect() throws {
        let bytes = Self.sample.encoded()
        let length = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        #expect(length % 8 == 0, "the data must start 8-byte aligned")
        let header = try #require(try JSONSerialization.jsonObject(with: bytes[8..<8 + length]) as? [String: Any])
        let w = try #require(header["w"] as? [String: Any])
        #expect(w["dtype"] as? String == "F32")
        #expect(w["shape"] as? [Int] == [2, 3])
        // Name order: b (4 bytes), ids (4 bytes), w (24 bytes).
        #expect(w["data_offsets"] as? [Int] == [8, 32])
        #expect((header["__metadata__"] as? [String: String])?["answer"] == "42")
        #expect(bytes.count == 8 + length + 32)
        // Float32 little-endian: 1.5 is 0x3FC00000.
        #expect(Array(bytes[(8 + length + 8)..<(8 + length + 12)]) == [0x00, 0x00, 0xC0, 0x3F])
    }

    /// Malformed files, each with a phrase its error must contain.
    static let malformed: [(name: String, file: Data, phrase: String)] = [
        ("empty", Data(), "0 bytes long, too short for the 8-byte header length"),
        ("seven bytes", Data([1, 2, 3, 4, 5, 6, 7]), "too short"),
        (
            "header longer than the file", safeTensorsFile(header: "{}", length: 1000),
            "header length is 1000 bytes, but only 2 bytes follow"
        ),
        ("a PNG", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), "not a safetensors file"),
        (
            "huge header", safeTensorsFile(header: String(repeating: " ", count: 8), length: UInt64.max),
            "only 8 bytes follow"
        ),
        ("text", safeTensorsFile(header: "hello world"), "does not start with '{'"),
        ("broken JSON", safeTensorsFile(header: #"{"w": {"dtype": "F32""#), "not valid JSON"),
        (
            "metadata of numbers", safeTensorsFile(header: #"{"__metadata__": {"epochs": 3}}"#),
            "__metadata__ is not a map of strings to strings"
        ),
        (
            "entry not an object", safeTensorsFile(header: #"{"w": [1, 2]}"#),
            "the header entry for tensor 'w' is not a JSON object"
        ),
        (
            "no dtype",
            safeTensorsFile(header: #"{"w": {"shape": [1], "data_offsets": [0, 4]}}"#, payload: [0, 0, 0, 0]),
            "tensor 'w' has no dtype"
        ),
        (
            "unknown dtype",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F33", "shape": [1], "data_offsets": [0, 4]}}"#, payload: [0, 0, 0, 0]),
            "unknown dtype 'F33'"
        ),
        (
            "negative dimension",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, payload: [0, 0, 0, 0]),
            "tensor 'w' has no shape, or one that is not"
        ),
        (
            "fractional dimension",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}"#, payload: [0, 0, 0, 0]),
            "tensor 'w' has no shape"
        ),
        (
            "boolean dimension",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [true], "data_offsets": [0, 4]}}"#, payload: [0, 0, 0, 0]),
            "tensor 'w' has no shape"
        ),
        (
            "three offsets",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 8]}}"#, payload: [0, 0, 0, 0]),
            "needs data_offsets [begin, end]"
        ),
        (
            "offsets reversed",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}}"#, payload: [0, 0, 0, 0]),
            "ends (byte 0) before it begins (byte 4)"
        ),
        (
            "bytes do not match the shape",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 8]}}"#,
                payload: Array(repeating: 0, count: 8)),
            "(F32, shape [2, 2]) needs 16 bytes, but its data_offsets [0, 8] span 8"
        ),
        (
            "shape overflows",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}}"#),
            "impossibly large shape"
        ),
        (
            "byte count overflows",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F64", "shape": [4611686018427387904], "data_offsets": [0, 8]}}"#), "needs"
        ),
        (
            "offset beyond the data",
            safeTensorsFile(
                header: #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, payload: [0, 0, 0, 0]),
            "beyond the 4 data bytes"
        ),
        (
            "offset beyond Int",
            safeTensorsFile(
                header: #"{"w": {"dtype": "U8", "shape": [1], "data_offsets": [18446744073709551615, 0]}}"#),
            "needs data_offsets"
        ),
        (
            "overlap",
            safeTensorsFile(
                header:
                    #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#,
                payload: Array(repeating: 0, count: 8)),
            "tensor 'b' at bytes 4..<8 overlaps the tensor before it, which ends at byte 8"
        ),
        (
            "gap",
            safeTensorsFile(
                header:
                    #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}}"#,
                payload: Array(repeating: 0, count: 12)), "gap of 4 bytes before tensor 'b'"
        ),
        (
            "gap at the start",
            safeTensorsFile(
                header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#,
                payload: Array(repeating: 0, count: 8)), "gap of 4 bytes before tensor 'a'"
        ),
        (
            "trailing bytes",
            safeTensorsFile(
                header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#,
                payload: Array(repeating: 0, count: 6)), "2 bytes at the end of the data belong to no tensor"
        ),
    ]

    @Test(arguments: 0..<malformed.count)
    func rejectsMalformedFilesWithTheReason(index: Int) {
        let (name, file, phrase) = Self.malformed[index]
        let error = #expect(throws: SafeTensorsError.self, "\(name)") {
            try SafeTensors(parsing: file, name: "model.safetensors")
        }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.hasPrefix("model.safetensors is not a valid safetensors file: "), "\(name): \(text)")
        #expect(text.contains(phrase), "\(name): \(text)")
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        let bytes = Self.sample.encoded()
        for length in 0..<bytes.count {
            #expect(throws: SafeTensorsError.self, "\(length) of \(bytes.count) bytes") {
                try SafeTensors(parsing: bytes.prefix(length), name: "cut")
            }
        }
    }

    @Test func everyCorruptedByteIsAnErrorOrStillAValidFile() {
        // Flipping bits anywhere must never crash or read out of bounds; in the data, a
        // flip changes a value; in the header it must be caught or describe a valid file.
        let bytes = Self.sample.encoded()
        var errors = 0
        for index in bytes.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var corrupted = bytes
                corrupted[index] ^= mask
                do {
                    let parsed = try SafeTensors(parsing: corrupted, name: "flipped")
                    let total = parsed.tensors.values.reduce(0) { $0 + $1.bytes.count }
                    #expect(total <= bytes.count)
                } catch {
                    errors += 1
                }
            }
        }
        #expect(errors > 0)
    }

    @Test func devicesAndFoldersAreRefusedWithoutReadingThem() {
        // /dev/zero never ends: reading it whole would never finish.
        for (path, reason) in [("/dev/zero", "it is not a regular file"), ("/tmp", "it is a folder")] {
            let error = #expect(throws: SafeTensorsError.self) {
                try SafeTensors(contentsOf: URL(fileURLWithPath: path))
            }
            #expect(error == .unreadable(path, reason: reason))
        }
    }

    @Test func aSliceParsesLikeTheWholeData() throws {
        let bytes = Data([9, 9, 9]) + Self.sample.encoded()
        #expect(try SafeTensors(parsing: bytes.dropFirst(3), name: "slice") == Self.sample)
    }

    @Test func writesAtomicallyAndReportsUnwritablePlaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.safetensors")
        try Self.sample.write(to: url)
        #expect(try SafeTensors(contentsOf: url) == Self.sample)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sample.safetensors"],
            "no temporary file is left behind")

        let nowhere = folder.appendingPathComponent("missing/sample.safetensors")
        #expect(throws: SafeTensorsError.self) { try Self.sample.write(to: nowhere) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sample.safetensors"])
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(contentsOf: nowhere) }
        #expect(error.map(String.init(describing:))?.hasPrefix("cannot read \(nowhere.path): ") == true)
    }
}
