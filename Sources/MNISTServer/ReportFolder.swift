#if Server
import Foundation
import Hummingbird

/// The training report folder (`--report DIR`), served read-only under /report/. A path that
/// leaves the folder, by `..`, an encoded `%2e%2e`, a backslash or a symbolic link pointing
/// outside, is answered 404 like a missing file.
struct ReportFolder: Sendable {
    /// The folder with every symbolic link resolved.
    let root: URL

    init(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ReportFolderError(path: directory.path)
        }
        root = directory.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The file at `relativePath` (after /report; "/" or "" is the folder's index.html).
    func response(for relativePath: String, requested: String) throws(APIError) -> Response {
        guard let file = file(at: relativePath),
            let data = FileManager.default.contents(atPath: file.path)
        else {
            throw .notFound(requested)
        }
        return Response(
            status: .ok, headers: [.contentType: PageAssets.contentType(of: file.lastPathComponent)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The regular file inside the folder that `relativePath` names, or nil.
    func file(at relativePath: String) -> URL? {
        guard let decoded = relativePath.removingPercentEncoding, !decoded.contains("\\"), !decoded.contains("\0")
        else { return nil }
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
public struct ReportFolderError: Error, CustomStringConvertible {
    var path: String
    public var description: String { "the report folder \(path) does not exist (write one with mnist train --report)" }
}
#endif
