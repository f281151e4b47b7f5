#if Server
import Foundation
import Hummingbird

/// The page's own files (HTML, CSS, JavaScript), shipped as the target's resources and read
/// into memory once; nothing is fetched from anywhere else.
struct PageAssets: Sendable {
    private let files: [String: Response]

    /// The URL paths served, and the resource each one is.
    static let paths = ["/": "index.html", "/index.html": "index.html", "/app.js": "app.js", "/style.css": "style.css"]

    init() {
        var files: [String: Response] = [:]
        for (path, name) in Self.paths {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Page"),
                let data = FileManager.default.contents(atPath: url.path)
            else {
                preconditionFailure("the page's resource \(name) is missing from the build")
            }
            files[path] = Response(
                status: .ok,
                headers: [.contentType: Self.contentType(of: name), .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        self.files = files
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
