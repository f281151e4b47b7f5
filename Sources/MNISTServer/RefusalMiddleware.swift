#if Server
import Foundation
import Hummingbird
import ServerRequests

/// Every refusal as the API's `{"error": "..."}`, the router's first middleware. Handlers throw
/// `APIError`, which Hummingbird does not know (ServerRequests, where it lives, stays free of
/// Hummingbird for the fuzzers), and Hummingbird's own `HTTPError`s (the router's 404 where
/// nothing matched, `FileMiddleware`'s 400 on bad percent-encoding or 416 on a bad range)
/// would render as `{"error": {"message": ...}}` or with no body at all.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as any HTTPResponseError {
            if error.status == .notFound { return APIError.notFound(request.uri.path).response }
            let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return APIError(status: error.status, message: message).response
        }
    }
}

/// A 405 with an `Allow` header, where `Router` answers 404: it matches a route on the path and
/// the method together, so a known path asked with another method is as unknown to it as any.
/// Added after the routes, this runs only for requests that matched none. An API path answers
/// the methods `RouteTable` recorded for it; any other path answers GET (and HEAD) when a HEAD
/// finds a file through the file middleware inside this one.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each API path and the methods it answers.
    let methods: [String: [HTTPRequest.Method]]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if let allowed = methods[path] {
                throw APIError.methodNotAllowed(request.method, path: path, allowed: allowed)
            }
            if request.method != .get, request.method != .head {
                var head = request.head
                head.method = .head
                if (try? await next(Request(head: head, body: RequestBody(buffer: ByteBuffer())), context)) != nil {
                    throw APIError.methodNotAllowed(request.method, path: path, allowed: [.get])
                }
            }
            throw error
        }
    }
}

/// `FileMiddleware` refuses a path holding `..` once percent-decoded with a bare 400. The API
/// says (openapi.json's `/report/{path}`) that a path naming nothing served is a 404 like any
/// missing file, which tells a prober nothing about the checks, so such a path stops here.
struct DotDotMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.path.removingPercentEncoding?.contains("..") == true {
            throw APIError.notFound(request.uri.path)
        }
        return try await next(request, context)
    }
}
#endif
