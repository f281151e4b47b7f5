import Foundation

/// A data directory holding the four MNIST files, each gzip-compressed (`NAME.gz`) or raw
/// (`NAME`).
public struct MNISTDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// The MNIST files in the folder at `url`.
    public init(_ url: URL) { self.url = url }

    /// Where `file` is, preferring the `.gz` name; throws `missingFile` if neither exists.
    public func location(of file: MNISTFile) throws(DataError) -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(url.path)
        }
        for name in [file.compressedName, file.rawValue] {
            let candidate = url.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        throw .missingFile(file.compressedName, directory: url.path)
    }

    /// The 60,000 training images (or however many the files hold).
    public func trainingSet() throws(DataError) -> LabelledImages {
        try LabelledImages(images: location(of: .trainingImages), labels: location(of: .trainingLabels))
    }

    /// The 10,000 test images (or however many the files hold).
    public func testSet() throws(DataError) -> LabelledImages {
        try LabelledImages(images: location(of: .testImages), labels: location(of: .testLabels))
    }
}
