import Foundation

/// The JSON header of a safetensors file, parsed and checked against the data it describes.
struct SafeTensorsHeader {
    static let metadataKey = "__metadata__"

    /// Where one tensor's bytes are, relative to the start of the data.
    struct Entry {
        var dtype: SafeTensors.DType
        var shape: [Int]
        var begin: Int
        var end: Int
        var byteCount: Int { end - begin }
    }

    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]

    init(parsing json: Data, name: String) throws(SafeTensorsError) {
        func malformed(_ reason: String) -> SafeTensorsError { .malformed(name, reason: reason) }
        guard json.first == UInt8(ascii: "{") else {
            throw malformed("its header does not start with '{' (it is not JSON)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: json) else {
            throw malformed("its header is not valid JSON")
        }
        guard let fields = object as? [String: Any] else { throw malformed("its header is not a JSON object") }
        for (key, value) in fields {
            if key == Self.metadataKey {
                guard let metadata = value as? [String: String] else {
                    throw malformed("its \(Self.metadataKey) is not a map of strings to strings")
                }
                self.metadata = metadata
            } else {
                entries[key] = try Self.entry(key, value, malformed: malformed)
            }
        }
    }

    private static func entry(_ key: String, _ value: Any, malformed: (String) -> SafeTensorsError)
        throws(SafeTensorsError) -> Entry
    {
        guard let fields = value as? [String: Any] else {
            throw malformed("the header entry for tensor '\(key)' is not a JSON object")
        }
        guard let dtypeName = fields["dtype"] as? String else {
            throw malformed("tensor '\(key)' has no dtype")
        }
        guard let dtype = SafeTensors.DType(rawValue: dtypeName) else {
            throw malformed("tensor '\(key)' has the unknown dtype '\(dtypeName)'")
        }
        guard let shape = naturalNumbers(fields["shape"]) else {
            throw malformed("tensor '\(key)' has no shape, or one that is not a list of whole numbers of 0 or more")
        }
        guard let offsets = naturalNumbers(fields["data_offsets"]), offsets.count == 2 else {
            throw malformed("tensor '\(key)' needs data_offsets [begin, end] of whole numbers of 0 or more")
        }
        guard offsets[0] <= offsets[1] else {
            throw malformed("tensor '\(key)' ends (byte \(offsets[1])) before it begins (byte \(offsets[0]))")
        }
        var elements = 1
        for size in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow else { throw malformed("tensor '\(key)' has the impossibly large shape \(shape)") }
            elements = product
        }
        let (expectedBytes, overflow) = elements.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow, offsets[1] - offsets[0] == expectedBytes else {
            throw malformed(
                "tensor '\(key)' (\(dtypeName), shape \(shape)) needs \(expectedBytes) bytes, but its data_offsets \(offsets) span \(offsets[1] - offsets[0])"
            )
        }
        return Entry(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// `value` as a list of integers ≥ 0, or nil if it is anything else (booleans,
    /// fractions and numbers beyond `Int` included).
    private static func naturalNumbers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var numbers: [Int] = []
        for element in list {
            // JSONSerialization gives NSNumbers; booleans have the type code "c", fractions "d".
            guard let number = element as? NSNumber, !["c", "d", "f"].contains(String(cString: number.objCType)),
                let integer = element as? Int, integer >= 0
            else { return nil }
            numbers.append(integer)
        }
        return numbers
    }

    /// Checks that the tensors tile `dataLength` bytes exactly, in offset order.
    func checkLayout(dataLength: Int, name: String) throws(SafeTensorsError) {
        var position = 0
        for (key, entry) in entries.sorted(by: {
            ($0.value.begin, $0.value.end, $0.key) < ($1.value.begin, $1.value.end, $1.key)
        }) {
            guard entry.begin <= dataLength, entry.end <= dataLength else {
                throw .malformed(
                    name,
                    reason:
                        "tensor '\(key)' lies at bytes \(entry.begin)..<\(entry.end), beyond the \(dataLength) data bytes the file has (truncated?)"
                )
            }
            guard entry.begin >= position else {
                throw .malformed(
                    name,
                    reason:
                        "tensor '\(key)' at bytes \(entry.begin)..<\(entry.end) overlaps the tensor before it, which ends at byte \(position)"
                )
            }
            guard entry.begin == position else {
                throw .malformed(
                    name,
                    reason:
                        "there is a gap of \(entry.begin - position) bytes before tensor '\(key)' (bytes \(position)..<\(entry.begin) belong to no tensor)"
                )
            }
            position = entry.end
        }
        guard position == dataLength else {
            throw .malformed(name, reason: "\(dataLength - position) bytes at the end of the data belong to no tensor")
        }
    }
}
