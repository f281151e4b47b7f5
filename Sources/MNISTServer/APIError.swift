#if Server
import Foundation
import Hummingbird

/// A request the server refuses: its HTTP status and a message, sent as `{"error": message}`.
struct APIError: Error {
    var status: HTTPResponse.Status
    var message: String
    /// Extra headers, such as `Allow` for a 405.
    var headers: HTTPFields = [:]

    static func notFound(_ path: String) -> APIError {
        APIError(status: .notFound, message: "nothing is served at \(path)")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError
    {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            status: .methodNotAllowed, message: "\(path) answers \(list), not \(method.rawValue)",
            headers: [.allow: list])
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }

    var response: Response {
        var response = JSONBody.response(["error": message], status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// JSON responses with the CLI's conventions: snake_case keys, sorted.
enum JSONBody {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        response(
            json: (try? encoder.encode(value)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8),
            status: status)
    }

    /// A response carrying JSON that is already encoded.
    static func response(json data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A key as the JSON spells it: `learningRate` → `learning_rate`.
    static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) }
    }

    /// `data` decoded from a request body, or a 400 naming what is wrong with it.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(APIError) -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("\(what) has no \(snakeCase(key.stringValue))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map { snakeCase($0.stringValue) }.joined(separator: ".")
            throw .badRequest("\(what)'s \(path) has the wrong type")
        } catch {
            throw .badRequest("\(what) is not valid JSON")
        }
    }
}
#endif
