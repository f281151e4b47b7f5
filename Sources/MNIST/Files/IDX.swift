import Foundation
import Images

/// An array read from an IDX file (the format of the MNIST database): its dimensions and
/// its elements as unsigned bytes, row-major.
public struct IDXArray: Sendable {
    /// The size of each dimension, outermost first, such as `[60000, 28, 28]`.
    public var dimensions: [Int]
    /// The elements, row-major.
    public var bytes: [UInt8]

    /// Parses IDX content (already decompressed). Only unsigned-byte elements (type 0x08),
    /// which every MNIST-style data set uses, are accepted. Validates the magic number, the
    /// dimensions and that the payload is exactly as long as they say.
    public init(parsing data: Data, name: String) throws(DataError) {
        let header = data.withUnsafeBytes { bytes in
            Result { () throws(DataError) in try Self.header(of: bytes, name: name) }
        }
        let (dimensions, headerSize) = try header.get()
        self.dimensions = dimensions
        self.bytes = [UInt8](data.dropFirst(headerSize))
    }

    /// The element type byte of unsigned bytes, the third byte of the magic number (after 00 00).
    static let unsignedByteType: UInt8 = 0x08

    /// Whether `bytes` start with the magic number of an IDX file this type reads: 00 00, the
    /// unsigned-byte type and at least one dimension.
    public static func hasMagicNumber(_ bytes: Data) -> Bool {
        bytes.count >= 4 && bytes.starts(with: [0, 0, unsignedByteType]) && bytes[bytes.startIndex + 3] >= 1
    }

    /// Validates the header and the payload length; returns the dimensions and header size.
    private static func header(of bytes: UnsafeRawBufferPointer, name: String) throws(DataError) -> ([Int], Int) {
        guard bytes.count >= 4 else {
            throw .notIDX(name, reason: "it is \(bytes.count) bytes long, too short for the 4-byte magic number")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw .notIDX(
                name, reason: String(format: "the magic number starts %02x %02x instead of 00 00", bytes[0], bytes[1]))
        }
        guard bytes[2] == unsignedByteType else {
            throw .notIDX(
                name,
                reason: String(format: "element type 0x%02x is not supported (only 0x08, unsigned byte)", bytes[2]))
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw .notIDX(name, reason: "it declares 0 dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw .notIDX(
                name,
                reason:
                    "the header is truncated (\(rank) dimensions need \(headerSize) bytes, the file has \(bytes.count))"
            )
        }
        var dimensions: [Int] = []
        var elementCount = 1
        for axis in 0..<rank {
            let offset = 4 + 4 * axis
            let size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
            guard !overflow, product <= Int(Int32.max) else {
                throw .notIDX(name, reason: "the dimensions \(dimensions + [size]) are impossibly large")
            }
            dimensions.append(size)
            elementCount = product
        }
        let payload = bytes.count - headerSize
        guard payload == elementCount else {
            let shape = dimensions.map(String.init).joined(separator: "×")
            let problem = payload < elementCount ? "truncated" : "longer than its header says"
            throw .notIDX(
                name, reason: "it is \(problem): dimensions \(shape) need \(elementCount) data bytes, found \(payload)")
        }
        return (dimensions, headerSize)
    }

    /// Reads an IDX file, gzip-compressed or raw (told apart by the gzip magic number).
    public init(contentsOf url: URL) throws(DataError) {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(url.path, reason: FileProblem.reason(error))
        }
        try self.init(reading: data, name: name)
    }

    /// Parses an IDX file's bytes, gzip-compressed or raw (told apart by the gzip magic number).
    public init(reading data: Data, name: String) throws(DataError) {
        try self.init(parsing: Gzip.isCompressed(data) ? Gzip.decompress(data, name: name) : data, name: name)
    }
}
