import Foundation

/// The content of a safetensors file: named tensors and a string-to-string metadata map.
///
/// The format (as PyTorch's `safetensors` package writes it): an 8-byte little-endian header
/// length `N`, `N` bytes of JSON, then the tensor data. The JSON maps each tensor name to
/// `{"dtype": "F32", "shape": [rows, columns], "data_offsets": [begin, end]}`, offsets
/// counted from the start of the data; the optional key `__metadata__` holds the metadata.
/// Tensors tile the data exactly: no gaps, no overlaps, nothing left over.
public struct SafeTensors: Sendable, Equatable {
    /// The tensors by name, such as `0.weight`.
    public var tensors: [String: Tensor]
    /// The header's `__metadata__`: strings by key.
    public var metadata: [String: String]

    /// A file's contents, to write with ``write(to:)`` or ``encoded()``.
    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Headers longer than this are refused before they are read (the reference
    /// implementation's limit).
    public static let maximumHeaderLength = 100_000_000

    /// Reads and validates a safetensors file. The file is memory-mapped, so only the parts
    /// the header points to are read, and they only once the header has been checked.
    public init(contentsOf url: URL) throws(SafeTensorsError) {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular {
            throw .unreadable(url.path, reason: type == .typeDirectory ? "it is a folder" : "it is not a regular file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .unreadable(url.path, reason: (error as NSError).localizedDescription)
        }
        try self.init(parsing: data, name: url.path)
    }

    /// Parses safetensors bytes; `name` identifies them in error messages. Every size and
    /// offset is checked against the data before any tensor is read.
    public init(parsing data: Data, name: String) throws(SafeTensorsError) {
        func malformed(_ reason: String) -> SafeTensorsError { .malformed(name, reason: reason) }
        guard data.count >= 8 else {
            throw malformed("it is \(data.count) bytes long, too short for the 8-byte header length")
        }
        let declaredLength = data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let available = data.count - 8
        guard declaredLength <= UInt64(available) else {
            throw malformed(
                "its header length is \(declaredLength) bytes, but only \(available) bytes follow the first 8 (truncated, or not a safetensors file)"
            )
        }
        let headerLength = Int(declaredLength)
        guard headerLength <= Self.maximumHeaderLength else {
            throw malformed(
                "its header length of \(headerLength) bytes exceeds the limit of \(Self.maximumHeaderLength)")
        }
        let headerStart = data.startIndex + 8
        let header = try SafeTensorsHeader(parsing: data[headerStart..<headerStart + headerLength], name: name)
        let payload = data[(headerStart + headerLength)...]
        try header.checkLayout(dataLength: payload.count, name: name)

        tensors = header.entries.mapValues { entry in
            let start = payload.startIndex + entry.begin
            return Tensor(dtype: entry.dtype, shape: entry.shape, bytes: Data(payload[start..<start + entry.byteCount]))
        }
        metadata = header.metadata
    }

    /// The file's bytes: tensors laid out in name order, the header padded with spaces to a
    /// multiple of 8 bytes so that the data starts aligned.
    public func encoded() -> Data {
        let names = tensors.keys.sorted()
        var header: [String: Any] = [:]
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            header[name] = [
                "dtype": tensor.dtype.rawValue, "shape": tensor.shape,
                "data_offsets": [offset, offset + tensor.bytes.count],
            ]
            offset += tensor.bytes.count
        }
        if !metadata.isEmpty { header[SafeTensorsHeader.metadataKey] = metadata }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        json.append(contentsOf: Array(repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8))

        var file = Data(capacity: 8 + json.count + offset)
        file.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * $0)) })
        file.append(json)
        for name in names { file.append(tensors[name]!.bytes) }
        return file
    }

    /// Writes the file atomically (Foundation writes a temporary file beside `url` and renames
    /// it into place), so `url` never holds a partial file.
    public func write(to url: URL) throws(SafeTensorsError) {
        do {
            try encoded().write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

/// What can be wrong with reading or writing a safetensors file.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    /// The file at the path could not be read, for the reason given.
    case unreadable(String, reason: String)
    /// The bytes read from the path are not a valid safetensors file, for the reason given.
    case malformed(String, reason: String)
    /// The file could not be written to the path, for the reason given.
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, reason): "\(path) is not a valid safetensors file: \(reason)."
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
