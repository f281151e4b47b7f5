#if Server
import Foundation
import Hummingbird
import ServerRequests

/// The training report folder's files (`--report DIR`), served read-only under /report/ by
/// `FileMiddleware`. The folder is looked up in `ServerState` on every request, not fixed when
/// the server starts, so the report can follow the served model.
///
/// A path leaving the folder is a 404 like a missing file. What each layer guarantees:
/// - `..`, also percent-encoded (`%2e%2e`, `..%2f`): `FileMiddleware` decodes the path and
///   refuses any holding `..` (with a 400, which `DotDotMiddleware` makes a 404 before it).
/// - A backslash or a NUL: `FileMiddleware` passes them on; `ServedFolder` refuses them.
/// - A symbolic link pointing out of the folder: `LocalFileSystem` would follow it;
///   `ServedFolder` resolves every link and refuses a file that ends up outside.
/// - `//etc/passwd` or `%2fetc%2fpasswd`: both look inside the folder (`ServedFolder` joins the
///   path's parts under its root), where there is no such file.
struct ReportFiles: FileProvider {
    let state: ServerState
    private let io = FileIO()

    /// The middleware serving the report under /report, with `Cache-Control: no-cache` since the
    /// folder may change under the same URLs.
    func middleware<Context: RequestContext>() -> FileMiddleware<Context, ReportFiles> {
        FileMiddleware(
            fileProvider: self, urlBasePath: "/report", cacheControl: PageFiles.noCache, searchForIndexHtml: true
        )
        .withAdditionalMediaTypes(forFileExtensions: PageFiles.textTypes)
    }

    /// A file, by its absolute path with every link resolved, or a folder.
    enum FileIdentifier {
        case file(String)
        /// A folder holding an index.html, which `FileMiddleware` then asks for by name, so
        /// that the answer gets its Content-Type from the name.
        case folder
    }

    /// What `FileMiddleware` needs to know of a file.
    struct FileAttributes: FileMiddlewareFileAttributes {
        var isFolder = false
        var size = 0
        var modificationDate = Date()
    }

    /// What `path` (decoded, after /report) names in the served folder: a path ending in "/"
    /// the folder, anything else the regular file `ServedFolder` resolves it to (a folder named
    /// without the "/" is its index.html: `FileMiddleware` would redirect it to the path with
    /// the "/" but without /report).
    func getFileIdentifier(_ path: String) -> FileIdentifier? {
        guard let file = state.reportFolder?.file(atDecodedPath: path) else { return nil }
        return path.hasSuffix("/") ? .folder : .file(file.path)
    }

    func getAttributes(id: FileIdentifier) async throws -> FileAttributes? {
        guard case .file(let path) = id else { return FileAttributes(isFolder: true) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, let date = attributes[.modificationDate] as? Date
        else { return nil }
        return FileAttributes(size: size, modificationDate: date)
    }

    func loadFile(id: FileIdentifier, context: some RequestContext) async throws -> ResponseBody {
        try await io.loadFile(path: try Self.path(of: id), context: context)
    }

    func loadFile(id: FileIdentifier, range: ClosedRange<Int>, context: some RequestContext) async throws
        -> ResponseBody
    {
        try await io.loadFile(path: try Self.path(of: id), range: range, context: context)
    }

    /// The file's path (`FileMiddleware` never loads a folder).
    private static func path(of id: FileIdentifier) throws -> String {
        guard case .file(let path) = id else { throw HTTPError(.notFound) }
        return path
    }
}
#endif
