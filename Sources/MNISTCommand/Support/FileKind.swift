import Foundation
import Images
import MNIST

/// What a file given where a model was expected holds instead, told from its first bytes: an
/// image or MNIST data, the files most easily swapped for a model on a command line.
enum FileKind {
    /// Words such as `a PNG image` for the file at `path`, or nil when it is none of the kinds
    /// known here (so may be a damaged model, whose own error then says what is wrong).
    static func describe(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 8), !start.isEmpty else { return nil }
        if let format = ImageFormat(detecting: start) { return "a \(format.name) image" }
        if Gzip.isCompressed(start) { return "a gzip file (such as the MNIST data files)" }
        if IDXArray.hasMagicNumber(start) { return "MNIST data (an IDX file)" }
        return nil
    }
}
