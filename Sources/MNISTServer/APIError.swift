#if Server
import Foundation
import Hummingbird
import ServerRequests

extension APIError {
    init(status: HTTPResponse.Status, message: String) { self.init(status: status.code, message: message) }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError
    {
        let list = allowed.map(\.rawValue)
        return APIError(
            status: 405, message: "\(path) answers \(list.joined(separator: ", ")), not \(method.rawValue)",
            allowedMethods: list)
    }

    /// `{"error": message}` with the status (and the `Allow` header of a 405).
    var response: Response {
        var response = JSONBody.response(["error": message], status: HTTPResponse.Status(code: status))
        if !allowedMethods.isEmpty { response.headers[.allow] = allowedMethods.joined(separator: ", ") }
        return response
    }
}

/// JSON responses with the CLI's conventions: snake_case keys, sorted.
enum JSONBody {
    /// One encoder for every request: its options are set once and never changed.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        response(
            json: (try? encoder.encode(value)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8),
            status: status)
    }

    /// A response carrying JSON that is already encoded.
    static func response(json bytes: some Sequence<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
#endif
