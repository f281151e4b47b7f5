import Foundation
import Testing

@testable import MNIST

/// `PredictionRecord.writeMembers(to:)`, the writer `mnist predict --json` and `mnist serve` use
/// instead of `JSONEncoder`, against `JSONEncoder` itself: the same bytes, and the same values
/// read back, floats to the bit.
@Suite struct PredictionRecordJSONTests {
    /// A recognized image's record with every field, `input` when `includeInput`.
    static func recognized(file: String, probabilities: [Float], includeInput: Bool) -> PredictionRecord {
        var record = PredictionRecord(file: file, error: "")
        record.error = nil
        let sorted = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        record.digit = sorted[0]
        record.probability = probabilities[sorted[0]]
        record.runnerUp = sorted[1]
        record.runnerUpProbability = probabilities[sorted[1]]
        record.probabilities = probabilities
        record.darkInkOnLightPaper = probabilities[0] > 0.5
        record.inkBox = .init(x: 3, y: 0, width: 1_024, height: 17)
        if includeInput {
            record.input = (0..<28).map { row in (0..<28).map { UInt8(truncatingIfNeeded: row * 37 + $0 * 11) } }
        }
        return record
    }

    /// Floats whose text is easy to get wrong: integral, tiny, huge, subnormal, negative zero.
    static let awkwardFloats: [Float] = [
        0, 1, 0.1, 1e-05, 0.5, 2.0e7, 123_456.79, Float.leastNonzeroMagnitude, Float.leastNormalMagnitude,
        Float.greatestFiniteMagnitude, -0.0, 0.99999994, 3.4e-39,
    ]

    static var records: [PredictionRecord] {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<20).map { _ in
            let raw = (0..<10).map { _ in Float.random(in: 0..<1, using: &generator) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
        return [
            recognized(file: "digit.png", probabilities: awkwardFloats.prefix(10).map { $0 }, includeInput: false),
            recognized(file: "a/b/c.png", probabilities: awkwardFloats.suffix(10).map { $0 }, includeInput: true),
        ]
            + random.enumerated().map {
                recognized(file: "random \($0).pgm", probabilities: $1, includeInput: $0 % 2 == 0)
            }
            + [
                PredictionRecord(file: "missing.png", error: "missing.png: no such file"),
                PredictionRecord(
                    file: "we\"ird\\name\t\n\r\u{8}\u{c}\u{1}\u{1f}/é😀.png",
                    error: "quotes \" backslashes \\ slashes / controls \u{0}\u{7}\u{1b} unicode ü 数字"),
            ]
    }

    static func writer(_ record: PredictionRecord, pretty: Bool) -> [UInt8] {
        var json = JSONBytes(pretty: pretty)
        json.object { record.writeMembers(to: &$0) }
        return json.bytes
    }

    @Test func compactWritingIsJSONEncodersTextByteForByte() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for record in Self.records {
            let expected = try encoder.encode(record)
            #expect(
                String(decoding: Self.writer(record, pretty: false), as: UTF8.self)
                    == String(decoding: expected, as: UTF8.self))
        }
    }

    /// The fields as read back from JSON, to compare with the record's.
    struct Decoded: Decodable {
        var file: String
        var digit: Int?
        var probability: Float?
        var runnerUp: Int?
        var runnerUpProbability: Float?
        var probabilities: [Float]?
        var darkInkOnLightPaper: Bool?
        var inkBox: [String: Int]?
        var input: [[UInt8]]?
        var error: String?
    }

    @Test(arguments: [false, true]) func writtenFieldsReadBackExactly(pretty: Bool) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for record in Self.records {
            let decoded = try decoder.decode(Decoded.self, from: Data(Self.writer(record, pretty: pretty)))
            #expect(decoded.file == record.file)
            #expect(decoded.error == record.error)
            #expect(decoded.digit == record.digit)
            #expect(decoded.runnerUp == record.runnerUp)
            #expect(decoded.darkInkOnLightPaper == record.darkInkOnLightPaper)
            #expect(decoded.input == record.input)
            #expect(decoded.probability?.bitPattern == record.probability?.bitPattern)
            #expect(decoded.runnerUpProbability?.bitPattern == record.runnerUpProbability?.bitPattern)
            // -0 reads back as -0: compare bit patterns, not values.
            #expect(decoded.probabilities?.map(\.bitPattern) == record.probabilities?.map(\.bitPattern))
            let box = record.inkBox.map { ["x": $0.x, "y": $0.y, "width": $0.width, "height": $0.height] }
            #expect(decoded.inkBox == box)
        }
    }

    @Test func prettyWritingPutsEachArrayOfNumbersOnOneLine() {
        let record = Self.recognized(
            file: "d.png", probabilities: [0.5, 0.25, 0.25] + Array(repeating: 0, count: 7), includeInput: true)
        let lines = String(decoding: Self.writer(record, pretty: true), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "{")
        #expect(lines.contains(#"  "probabilities" : [0.5, 0.25, 0.25, 0, 0, 0, 0, 0, 0, 0],"#))
        #expect(lines.contains(#"  "ink_box" : {"#))
        #expect(lines.contains(#"    "height" : 17,"#))
        #expect(lines.contains(#"  "input" : ["#))
        #expect(lines.filter { $0.hasPrefix("    [") }.count == 28)
        #expect(lines.last == "}")
    }
}
