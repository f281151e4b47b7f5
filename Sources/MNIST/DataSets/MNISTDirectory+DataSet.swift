import Foundation

extension MNISTDirectory {
    /// The built-in data set whose test labels the folder holds, told by their checksum; nil
    /// when none matches (other data, a recompressed archive of a data set known only by its
    /// archives' checksums) or the file cannot be read.
    package func identifiedDataSet() -> DataSet? {
        guard let url = try? location(of: .testLabels), let bytes = try? Data(contentsOf: url) else { return nil }
        let content = Gzip.isCompressed(bytes) ? try? Gzip.decompress(bytes, name: url.lastPathComponent) : bytes
        let contentDigest = content.map(SHA256.hexDigest)
        let archiveDigest = Gzip.isCompressed(bytes) ? SHA256.hexDigest(bytes) : nil
        return DataSet.builtIn.first { dataSet in
            switch dataSet.checksums[.testLabels] {
            case let .content(digest): digest == contentDigest
            case let .archive(digest): digest == archiveDigest
            case nil: false
            }
        }
    }
}
