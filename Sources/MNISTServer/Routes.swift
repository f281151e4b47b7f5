#if Server
import Foundation
import Hummingbird
import ServerRequests

/// Every URL the server answers, on Hummingbird's `Router`: the JSON API in route groups, each
/// handler one call into the code that answers it, then the page's files and the report folder
/// through `FileMiddleware`. API/openapi.json describes each route; anything else is a JSON 404,
/// or a 405 for a path that answers other methods.
struct Routes {
    typealias Context = BasicRequestContext
    let state: ServerState

    /// The largest request body read (an image or a canvas): 4 MB.
    static let bodyLimit = 4 * 1024 * 1024

    /// The server's router, and the methods each API path answers (GET also answers HEAD).
    ///
    /// The order of the middleware matters. `Router` applies a middleware to the routes added
    /// after it, and every middleware to a request that no route matched. So the error
    /// middleware, added first, turns every refusal into JSON; the others, added after the
    /// routes, see only requests that matched none: a wrong method (405), a file of the page
    /// or the report (`FileMiddleware` serves a file where the router found nothing), or 404.
    static func router(state: ServerState) -> (router: Router<Context>, methods: [String: [HTTPRequest.Method]]) {
        let router = Router(context: Context.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: JSONErrorMiddleware())
        let table = RouteTable(router)
        Routes(state: state).add(to: table)
        router.add(middleware: MethodNotAllowedMiddleware(methods: table.methods))
        router.add(middleware: DotDotMiddleware())
        router.add(middleware: PageFiles.middleware())
        router.add(middleware: ReportFiles(state: state).middleware())
        return (router, table.methods)
    }

    /// The JSON API's routes.
    func add(to routes: some RouterMethods<Context>) {
        let state = state
        routes.get("healthz") { _, _ in JSONBody.response(["status": "ok"]) }
        let api = routes.group("api")
        api.get("openapi.json") { _, _ in PageFiles.openAPI }
        api.get("look") { _, _ in JSONBody.response(json: PageLook.json) }
        api.post("predict") { request, _ in try await predict(request) }
        let model = api.group("model")
        model.get { _, _ in
            JSONBody.response(
                ModelCard(state.model, training: state.training.availability))
        }
        model.get("first-layer") { request, _ in
            state.model.firstLayer.response(ifNoneMatch: request.headers[.ifNoneMatch])
        }
        model.get("map") { _, _ in JSONBody.response(json: try await state.model.map.map().json) }
        model.get("map/image") { request, _ in
            JSONBody.response(
                json: try await state.model.map.map().image(
                    query: request.uri.queryParameters["index"].map(String.init)))
        }
        let train = api.group("train")
        train.get { _, _ in state.training.status }
        train.post { request, _ in try await startTraining(request) }
        train.delete { _, _ in JSONBody.response(try state.training.cancel()) }
        train.post("step") { _, _ in try await state.training.step() }
        train.post("run") { _, _ in try state.training.runAtFullSpeed() }
        train.get("events") { _, _ in try state.training.eventStream() }
        train.get("model.safetensors") { _, _ in try state.training.download() }
        train.get("charts/loss.svg") { _, _ in try state.training.chart("loss") }
        train.get("charts/accuracy.svg") { _, _ in try state.training.chart("accuracy") }
        train.get("charts/compare.svg") { _, _ in try state.training.runs.comparisonChart() }
        train.get("runs") { _, _ in JSONBody.response(state.training.runs.listing) }
        train.delete("runs") { _, _ in JSONBody.response(state.training.runs.forgetEnded()) }
    }

    /// `POST /api/predict`.
    func predict(_ request: Request) async throws(APIError) -> Response {
        let body = try await Self.body(of: request)
        let answer = try PredictionEndpoint.answer(
            body, contentType: request.headers[.contentType], model: state.model)
        return JSONBody.response(json: answer.encoded())
    }

    /// `POST /api/train`.
    func startTraining(_ request: Request) async throws(APIError) -> Response {
        let body = try await Self.body(of: request)
        let training = try TrainingRequest.parse(body, contentType: request.headers[.contentType])
        let job = try state.training.start(training, state: state)
        return JSONBody.response(job.status, status: .accepted)
    }

    /// The request's body, up to `bodyLimit` bytes; a larger one is a 413.
    static func body(of request: Request) async throws(APIError) -> Data {
        let tooLarge = APIError(
            status: .contentTooLarge, message: "the request body is over the limit of \(bodyLimit / 1024 / 1024) MB")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit { throw tooLarge }
        do {
            return Data(try await request.body.collect(upTo: bodyLimit).readableBytesView)
        } catch {
            throw tooLarge
        }
    }
}

/// Records each route on its way to the `Router`. The router keeps which methods a path answers
/// to itself, with no public way to ask, and answers a known path asked with another method as
/// if it were unknown (404); this table lets `MethodNotAllowedMiddleware` answer 405 instead.
final class RouteTable<Context: RequestContext>: RouterMethods {
    private let router: Router<Context>
    /// Each path ("/api/train") and the methods added for it, in the order they were added.
    private(set) var methods: [String: [HTTPRequest.Method]] = [:]

    init(_ router: Router<Context>) { self.router = router }

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        methods["/" + path.map(\.description).joined(separator: "/"), default: []].append(method)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}
#endif
