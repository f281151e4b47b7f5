#if Server
import Foundation
import Hummingbird
import Logging

/// The page's own files (HTML, CSS, JavaScript, images), the target's `Page` resource folder,
/// served at the root by `FileMiddleware` (`/` is its index.html), and the API's OpenAPI
/// document; nothing is fetched from anywhere else.
///
/// `FileMiddleware` with its `LocalFileSystem` is enough here: it decodes the path and refuses
/// one holding `..` (`DotDotMiddleware` answers those first, with a 404), and the folder is
/// the package's own, with no symbolic links to follow out of it.
enum PageFiles {
    /// The folder the build copies `Sources/MNISTServer/Page` to.
    static let folder: URL = resource("Page")

    /// `GET /api/openapi.json`: the OpenAPI 3.1 document of the JSON API (`API/openapi.json`),
    /// read once.
    static let openAPI: Response = {
        let url = resource("API").appendingPathComponent("openapi.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            preconditionFailure("the server's resource \(url.path) is missing from the build")
        }
        return JSONBody.response(json: data)
    }()

    /// The middleware serving the page's files, each with `Cache-Control: no-cache` so that a
    /// new build's page is never mixed with an old one's (the ETag makes asking again cheap).
    static func middleware<Context: RequestContext>() -> FileMiddleware<Context, LocalFileSystem> {
        var logger = Logger(label: "mnist serve")
        logger.logLevel = .warning
        return FileMiddleware(folder.path, cacheControl: noCache, searchForIndexHtml: true, logger: logger)
            .withAdditionalMediaTypes(forFileExtensions: textTypes)
    }

    /// `no-cache` for every file of a known type.
    static let noCache = CacheControl([(MediaType(type: .any), [.noCache])])

    /// The text types, with their charset; `FileMiddleware` knows the others (image/svg+xml,
    /// image/png, application/json), but names JavaScript application/javascript and gives no
    /// charset.
    static let textTypes: [String: MediaType] = [
        "html": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
        "css": MediaType(type: .text, subType: "css", parameter: ("charset", "utf-8")),
        "js": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
        "csv": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
        "txt": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
        "md": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
    ]

    /// The resource folder `name` of this target.
    private static func resource(_ name: String) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            preconditionFailure("the server's resource folder \(name) is missing from the build")
        }
        return url
    }
}
#endif
