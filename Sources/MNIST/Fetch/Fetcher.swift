import Foundation
import Images

/// What happened to each file during `Fetcher.fetch`, in order, for progress output.
public enum FetchEvent: Sendable, Equatable {
    /// The data directory already held a valid copy, so nothing was downloaded.
    case alreadyPresent(MNISTFile)
    /// The file was read from `mirror`, verified and saved; `bytes` is the archive's size.
    case fetched(MNISTFile, from: MNISTMirror, bytes: Int)
    /// `mirror` could not provide a valid copy; the next mirror is tried.
    case mirrorFailed(MNISTFile, mirror: MNISTMirror, reason: String)
}

/// Brings a data set's archives (MNIST's by default) into a data directory from the first mirror that has a valid
/// copy, verifying each before it takes its final name.
public struct Fetcher: Sendable {
    /// Where the archives go.
    public var directory: URL
    /// The mirrors to try, in order.
    public var mirrors: [MNISTMirror]
    /// What each file must match, by default MNIST's checksums.
    public var checksums: [MNISTFile: FileChecksum]
    /// What errors call the files, such as `Fashion-MNIST`: by default `MNIST`.
    public var dataSetTitle: String
    /// Whether the files must match `checksums`.
    public var verifyChecksums: Bool
    /// Seconds before a web request is given up.
    public var requestTimeout: TimeInterval

    /// - Parameters:
    ///   - directory: where the archives go, as `MNISTFile.compressedName`; created if needed.
    ///   - mirrors: where to look, in order.
    ///   - checksums: what each file must match, such as a `DataSet`'s `checksums`; a file
    ///     without one must decompress and parse as IDX.
    ///   - dataSetTitle: what errors call the files, such as a `DataSet`'s `title`.
    ///   - verifyChecksums: whether to require `checksums`. Turn it off for other IDX data
    ///     sets with the same file names; files must then still decompress and parse as IDX.
    ///   - requestTimeout: how many seconds a web mirror may stay silent before it counts as
    ///     failed.
    public init(
        directory: URL, mirrors: [MNISTMirror], checksums: [MNISTFile: FileChecksum] = DataSet.mnist.checksums,
        dataSetTitle: String = DataSet.mnist.title, verifyChecksums: Bool = true, requestTimeout: TimeInterval = 60
    ) {
        self.directory = directory
        self.mirrors = mirrors
        self.checksums = checksums
        self.dataSetTitle = dataSetTitle
        self.verifyChecksums = verifyChecksums
        self.requestTimeout = requestTimeout
    }

    /// Makes sure each of `files` is in the directory and valid, downloading those that are
    /// missing or invalid, and tells `progress` how each file went and which mirrors failed.
    /// Stops at the first file no mirror can provide.
    public func fetch(_ files: [MNISTFile] = MNISTFile.allCases, progress: (FetchEvent) -> Void) throws(FetchError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(directory.path, reason: FileProblem.reason(error))
        }
        for file in files {
            let destination = directory.appendingPathComponent(file.compressedName)
            if holdsValidCopy(destination, of: file) {
                progress(.alreadyPresent(file))
            } else {
                try download(file, to: destination, progress: progress)
            }
        }
    }

    /// Tries each mirror in turn until one provides a valid copy, then saves it.
    private func download(_ file: MNISTFile, to destination: URL, progress: (FetchEvent) -> Void) throws(FetchError) {
        var failures: [MirrorFailure] = []
        for mirror in mirrors {
            let archive: Data
            do {
                archive = try mirror.archive(of: file, timeout: requestTimeout)
                try verify(archive, as: file)
            } catch {
                progress(.mirrorFailed(file, mirror: mirror, reason: error.reason))
                failures.append(MirrorFailure(mirror: mirror, reason: error.reason))
                continue
            }
            try save(archive, to: destination)
            progress(.fetched(file, from: mirror, bytes: archive.count))
            return
        }
        throw .allMirrorsFailed(file, failures: failures, dataSet: dataSetTitle)
    }

    private func holdsValidCopy(_ url: URL, of file: MNISTFile) -> Bool {
        guard let archive = try? Data(contentsOf: url) else { return false }
        do {
            try verify(archive, as: file)
            return true
        } catch {
            return false
        }
    }

    /// Checks the *decompressed* content: mirrors recompress, so archive bytes differ between
    /// mirrors while the content may not.
    private func verify(_ archive: Data, as file: MNISTFile) throws(Rejection) {
        let content: Data
        do {
            content = try Gzip.decompress(archive, name: file.compressedName)
        } catch {
            guard case let .corruptGzip(name, reason) = error else { throw Rejection(error.description) }
            throw Rejection("\(name) is not a valid gzip file: \(reason)")
        }
        switch verifyChecksums ? checksums[file] : nil {
        case let .content(expected):
            let digest = SHA256.hexDigest(content)
            guard digest == expected else {
                throw Rejection(
                    "\(file.compressedName) has the wrong content: its SHA-256 is \(digest.prefix(16))…, expected \(expected.prefix(16))…"
                )
            }
        case let .archive(expected):
            let digest = SHA256.hexDigest(archive)
            guard digest == expected else {
                throw Rejection(
                    "\(file.compressedName) is not the published archive: its SHA-256 is \(digest.prefix(16))…, expected \(expected.prefix(16))…"
                )
            }
        case nil:
            do {
                _ = try IDXArray(parsing: content, name: file.compressedName)
            } catch {
                throw Rejection(error.description)
            }
        }
    }

    /// Writes `archive` beside `destination` and renames it into place, so that the final
    /// name only ever holds a complete, verified file (an invalid old one is replaced).
    private func save(_ archive: Data, to destination: URL) throws(FetchError) {
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try archive.write(to: partial)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw .cannotWrite(destination.path, reason: FileProblem.reason(error))
        }
        guard rename(partial.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: partial)
            throw .cannotWrite(destination.path, reason: reason)
        }
    }
}
