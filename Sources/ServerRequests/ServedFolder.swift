import Foundation

/// A folder served read-only under a URL prefix (the training report's, `--report DIR`): the
/// regular file a URL path names inside it, never one outside. A path that leaves the folder,
/// by `..`, an encoded `%2e%2e`, a backslash or a symbolic link pointing outside, names nothing.
public struct ServedFolder: Sendable {
    /// The folder with every symbolic link resolved.
    public let root: URL

    /// The folder at `directory`, which must exist.
    public init(_ directory: URL) throws(ServedFolderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ServedFolderError(path: directory.path)
        }
        root = directory.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The regular file inside the folder that `relativePath` names (after the prefix, still
    /// percent-encoded; a folder means its index.html), or nil.
    public func file(at relativePath: String) -> URL? {
        relativePath.removingPercentEncoding.flatMap(file(atDecodedPath:))
    }

    /// The regular file inside the folder that `decoded` names (a path already percent-decoded,
    /// as a web framework's file middleware passes it on), or nil.
    public func file(atDecodedPath decoded: String) -> URL? {
        guard !decoded.contains("\\"), !decoded.contains("\0") else { return nil }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let candidate = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        var resolved = candidate.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { resolved = resolved.appendingPathComponent("index.html").resolvingSymlinksInPath() }
        guard resolved.path.hasPrefix(root.path + "/"),
            FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        return resolved
    }
}

/// `--report DIR` names no folder.
public struct ServedFolderError: Error, CustomStringConvertible {
    var path: String
    public var description: String { "the report folder \(path) does not exist (write one with mnist train --report)" }
}
