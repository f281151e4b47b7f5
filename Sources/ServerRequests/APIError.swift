/// A request the server refuses: its HTTP status and a message, sent as `{"error": message}`.
public struct APIError: Error, Equatable, Sendable {
    /// The HTTP status code, 400 to 599.
    public var status: Int
    public var message: String
    /// The methods the path answers, sent as the `Allow` header of a 405.
    public var allowedMethods: [String] = []

    public init(status: Int, message: String, allowedMethods: [String] = []) {
        self.status = status
        self.message = message
        self.allowedMethods = allowedMethods
    }

    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }

    public static func notFound(_ path: String) -> APIError {
        APIError(status: 404, message: "nothing is served at \(path)")
    }

    /// A 415: the body's `contentType` is not one `expected` lists.
    public static func unsupportedMediaType(_ contentType: String?, expected: String) -> APIError {
        APIError(status: 415, message: "\(expected), not \(contentType ?? "a body without a Content-Type")")
    }
}
