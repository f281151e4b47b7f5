#if Server
import Foundation
import Hummingbird
import ServerRequests

/// The training report folder (`--report DIR`), served read-only under /report/; a path that
/// `ServedFolder` does not resolve to a file inside it is answered 404 like a missing file.
struct ReportFolder: Sendable {
    let folder: ServedFolder

    init(_ directory: URL) throws { folder = try ServedFolder(directory) }

    /// The file at `relativePath` (after /report; "/" or "" is the folder's index.html).
    func response(for relativePath: String, requested: String) throws(APIError) -> Response {
        guard let file = folder.file(at: relativePath), let data = FileManager.default.contents(atPath: file.path)
        else {
            throw .notFound(requested)
        }
        return Response(
            status: .ok, headers: [.contentType: PageAssets.contentType(of: file.lastPathComponent)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
#endif
