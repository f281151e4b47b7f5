/// Everything that can be wrong with a data file or data directory, each case worded for
/// the person who has to fix it.
public enum DataError: Error, Equatable, CustomStringConvertible {
    case missingDirectory(String)
    case missingFile(String, directory: String)
    case unreadable(String, reason: String)
    case corruptGzip(String, reason: String)
    case notIDX(String, reason: String)
    case wrongShape(String, expected: String, found: String)
    case countMismatch(images: Int, labels: Int, imageFile: String, labelFile: String)
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
