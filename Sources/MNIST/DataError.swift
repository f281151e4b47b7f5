/// Everything that can be wrong with a data file or data directory, each case worded for
/// the person who has to fix it.
public enum DataError: Error, Equatable, CustomStringConvertible {
    /// The data directory (its path) does not exist or is not a folder.
    case missingDirectory(String)
    /// The data directory has neither `NAME.gz` nor `NAME` for one of the four files (named by its `.gz` name).
    case missingFile(String, directory: String)
    /// A data file (its path) exists but could not be read, with the reason from `FileProblem`.
    case unreadable(String, reason: String)
    /// A `.gz` file (its name) is damaged or truncated: zlib could not decompress it.
    case corruptGzip(String, reason: String)
    /// A file (its name) is not a valid IDX array: bad magic number, element type, header or data length.
    case notIDX(String, reason: String)
    /// A valid IDX file (its name) has the wrong dimensions, such as 32×32 images where 28×28 were expected.
    case wrongShape(String, expected: String, found: String)
    /// An image file and its label file hold different numbers of items.
    case countMismatch(images: Int, labels: Int, imageFile: String, labelFile: String)
    /// A label file (its name) holds a label above 9; `index` is the first such item, `value` its byte.
    case invalidLabel(String, index: Int, value: UInt8)

    public var description: String {
        switch self {
        case let .missingDirectory(directory):
            "the data directory \(directory) does not exist. Run `mnist fetch --data \(directory)` (or `make data`) to get the MNIST files, or point --data (or MNIST_DATA) at a folder that has them."
        case let .missingFile(name, directory):
            "\(name) is missing from \(directory). Run `mnist fetch --data \(directory)` (or `make data`) to get the MNIST files."
        case let .unreadable(name, reason):
            "cannot read \(name): \(reason)"
        case let .corruptGzip(name, reason):
            "\(name) is not a valid gzip file: \(reason). Delete it and run `mnist fetch` again."
        case let .notIDX(name, reason):
            "\(name) is not a valid IDX file: \(reason)."
        case let .wrongShape(name, expected, found):
            "\(name) holds \(found), expected \(expected)."
        case let .countMismatch(images, labels, imageFile, labelFile):
            "\(imageFile) has \(images) images but \(labelFile) has \(labels) labels; they must match."
        case let .invalidLabel(name, index, value):
            "\(name): label \(index) is \(value), but a digit label must be 0 to 9."
        }
    }
}
