#if Server
import Foundation
import Hummingbird

/// The page's own files (HTML, CSS, JavaScript) and the API's OpenAPI document, shipped as
/// the target's resources and read into memory once; nothing is fetched from anywhere else.
struct PageAssets: Sendable {
    private let files: [String: Response]
    /// `GET /api/openapi.json`: the OpenAPI 3.1 document of the JSON API (`API/openapi.json`).
    let openAPI: Response

    /// The URL paths served, and the resource each one is.
    static let paths = ["/": "index.html", "/index.html": "index.html", "/app.js": "app.js", "/style.css": "style.css"]

    init() {
        files = Self.paths.mapValues { Self.resource($0, in: "Page") }
        openAPI = Self.resource("openapi.json", in: "API")
    }

    /// The resource `name` of the folder `folder`, as a response.
    private static func resource(_ name: String, in folder: String) -> Response {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: folder),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            preconditionFailure("the server's resource \(folder)/\(name) is missing from the build")
        }
        return Response(
            status: .ok,
            headers: [.contentType: contentType(of: name), .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The response for `path`, if it is one of the page's files.
    func asset(at path: String) -> Response? { files[path] }

    /// The Content-Type for a file name's extension.
    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "csv", "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
#endif
