/// Why `Fetcher.fetch` could not provide a file, worded for the person who has to fix it.
public enum FetchError: Error, Equatable, CustomStringConvertible {
    /// No mirror had a valid copy of the file of data set `dataSet` (its title, such as
    /// `Fashion-MNIST`); `failures` says why, one entry per mirror tried.
    case allMirrorsFailed(MNISTFile, failures: [MirrorFailure], dataSet: String = DataSet.mnist.title)
    /// The data directory does not exist and cannot be created.
    case cannotCreateDirectory(String, reason: String)
    /// A verified file could not be saved into the data directory.
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case let .allMirrorsFailed(file, failures, dataSet) where failures.isEmpty:
            "cannot fetch \(file.compressedName): no mirror was given. \(mirrorFlag(dataSet)) to say where the \(dataSet) files are."
        case let .allMirrorsFailed(file, failures, dataSet):
            "cannot fetch \(file.compressedName), every mirror failed:\n"
                + failures.map { "  - \($0.mirror): \($0.reason)\n" }.joined()
                + "\(mirrorFlag(dataSet)) to use a mirror that has the \(dataSet) files, for example a folder holding the four .gz files."
        case let .cannotCreateDirectory(directory, reason):
            "cannot create the data directory \(directory): \(reason). Choose another folder with --data (or MNIST_DATA), or fix the permissions of its parent."
        case let .cannotWrite(path, reason):
            // Foundation's reasons end with a period of their own.
            "cannot write \(path): \(reason.hasSuffix(".") ? reason.dropLast() : reason[...]). Check that the data directory is writable and the disk has room, or choose another folder with --data (or MNIST_DATA)."
        }
    }

    /// How to name a mirror: `--mirror`, or for MNIST also the variable `MNIST_MIRROR`, which
    /// only MNIST's fetch reads.
    private func mirrorFlag(_ dataSet: String) -> String {
        dataSet == DataSet.mnist.title
            ? "Pass --mirror URL-or-folder (or set MNIST_MIRROR)" : "Pass --mirror URL-or-folder"
    }
}

/// One mirror that could not provide a file, and why.
public struct MirrorFailure: Sendable, Equatable {
    /// The mirror that failed.
    public var mirror: MNISTMirror
    /// What went wrong there.
    public var reason: String

    /// A failure of `mirror` for `reason`.
    public init(mirror: MNISTMirror, reason: String) {
        self.mirror = mirror
        self.reason = reason
    }
}

/// Why a mirror's copy of a file was not used (missing, unreachable, corrupt, wrong content).
struct Rejection: Error {
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
