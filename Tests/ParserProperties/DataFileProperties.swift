import Foundation
import MNIST

/// The properties of the MNIST data file readers: IDX and gzip.
enum DataFileProperties {
    /// A parsed IDX array holds the product of its dimensions as elements, and the file is
    /// exactly its header and those elements.
    static func checkIDX(_ bytes: Data) throws(PropertyViolation) {
        guard let array = try? IDXArray(parsing: bytes, name: "input") else { return }
        try checkShape(of: array, parsedFrom: bytes)
    }

    /// What `mnist` reads from a data file: gzip or raw IDX. Whatever it accepts, the same
    /// bytes decompressed (when compressed) parse as the same raw IDX array.
    static func checkIDXFile(_ bytes: Data) throws(PropertyViolation) {
        guard let array = try? IDXArray(reading: bytes, name: "input") else { return }
        let raw = Gzip.isCompressed(bytes) ? try? Gzip.decompress(bytes, name: "input") : bytes
        guard let raw else { throw PropertyViolation("IDX read from gzip that does not decompress on its own") }
        try checkShape(of: array, parsedFrom: raw)
    }

    private static func checkShape(of array: IDXArray, parsedFrom raw: Data) throws(PropertyViolation) {
        let elements = array.dimensions.reduce(1, *)
        try PropertyViolation.require(
            array.bytes.count == elements,
            "IDX dimensions \(array.dimensions) hold \(elements) elements, but \(array.bytes.count) were read")
        try PropertyViolation.require(
            raw.count == 4 + 4 * array.dimensions.count + elements,
            "IDX of \(raw.count) bytes parsed as dimensions \(array.dimensions)")
        try PropertyViolation.require(
            array.bytes.elementsEqual(raw.suffix(elements)), "IDX elements differ from the file's")
    }

    /// Only gzip is decompressed, and concatenated members decompress to the concatenation
    /// of their contents (as `gunzip` does): the stream twice gives the content twice.
    static func checkGzip(_ bytes: Data) throws(PropertyViolation) {
        guard let content = try? Gzip.decompress(bytes, name: "input") else { return }
        try PropertyViolation.require(Gzip.isCompressed(bytes), "bytes without the gzip magic number decompressed")
        let twice = try? Gzip.decompress(bytes + bytes, name: "input")
        try PropertyViolation.require(
            twice == content + content,
            "a gzip stream of \(content.count) bytes, repeated, gives \(twice.map { "\($0.count) bytes" } ?? "an error")"
        )
    }
}
