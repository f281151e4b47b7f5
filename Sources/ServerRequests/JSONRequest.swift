import Foundation

/// Request bodies in JSON with the CLI's snake_case keys.
public enum JSONRequest {
    /// `data` decoded, or a 400 naming what is wrong with it (`what` names the body).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(APIError) -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: data)
        } catch let refusal as APIError {
            throw refusal
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("\(what) has no \(snakeCase(key.stringValue))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .badRequest("\(what)'s \(path(of: context)) has the wrong type")
        } catch {
            throw .badRequest("\(what) is not valid JSON")
        }
    }

    /// Where in the body a decoding error is, as the JSON spells it: `hidden.0`.
    static func path(of context: DecodingError.Context) -> String {
        context.codingPath.map { snakeCase($0.stringValue) }.joined(separator: ".")
    }

    /// A key as the JSON spells it: `learningRate` → `learning_rate`.
    static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) }
    }

    /// The media type of a `Content-Type` header, lowercased, without its parameters:
    /// `application/json` for `Application/JSON; charset=utf-8`.
    public static func mediaType(of contentType: String?) -> String? {
        contentType?.split(separator: ";", omittingEmptySubsequences: false).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }
}
