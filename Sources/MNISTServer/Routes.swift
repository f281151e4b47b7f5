#if Server
import Foundation
import Hummingbird
import ServerRequests

/// Every URL the server answers, by path and method; anything else is a JSON 404 or 405.
struct Routes: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: ServerState

    /// The largest request body read (an image or a canvas): 4 MB.
    static let bodyLimit = 4 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await route(request)
        } catch let error as APIError {
            return error.response
        }
    }

    /// The JSON API's paths and the methods each answers (GET also answers HEAD); the page's
    /// files and the report folder come after them. API/openapi.json describes each one.
    enum Endpoint: String, CaseIterable {
        case health = "/healthz"
        case model = "/api/model"
        case firstLayer = "/api/model/first-layer"
        case openAPI = "/api/openapi.json"
        case predict = "/api/predict"
        case train = "/api/train"
        case trainingEvents = "/api/train/events"
        case trainedModel = "/api/train/model.safetensors"
        case look = "/api/look"
        case lossChart = "/api/train/charts/loss.svg"
        case accuracyChart = "/api/train/charts/accuracy.svg"

        var methods: [HTTPRequest.Method] {
            switch self {
            case .predict: [.post]
            case .train: [.get, .post, .delete]
            case .health, .model, .firstLayer, .openAPI, .trainingEvents, .trainedModel, .look, .lossChart,
                .accuracyChart:
                [.get]
            }
        }
    }

    private func route(_ request: Request) async throws -> Response {
        let path = request.uri.path
        let method = request.method
        func only(_ allowed: [HTTPRequest.Method]) throws(APIError) {
            guard allowed.contains(method) || (method == .head && allowed.contains(.get)) else {
                throw .methodNotAllowed(method, path: path, allowed: allowed)
            }
        }
        guard let endpoint = Endpoint(rawValue: path) else {
            if let asset = state.page.asset(at: path) {
                try only([.get])
                return asset
            }
            if path == "/report" || path.hasPrefix("/report/"), let folder = state.reportFolder {
                try only([.get])
                return try folder.response(for: String(path.dropFirst("/report".count)), requested: path)
            }
            throw APIError.notFound(path)
        }
        try only(endpoint.methods)
        switch endpoint {
        case .health:
            return JSONBody.response(["status": "ok"])
        case .model:
            return JSONBody.response(
                ModelCard(state.model, training: state.training.availability))
        case .firstLayer:
            return state.model.firstLayer.response(ifNoneMatch: request.headers[.ifNoneMatch])
        case .openAPI:
            return state.page.openAPI
        case .predict:
            let body = try await Self.body(of: request)
            let answer = try PredictionEndpoint.answer(
                body, contentType: request.headers[.contentType], model: state.model)
            return JSONBody.response(json: answer.encoded())
        case .train where method == .post:
            let body = try await Self.body(of: request)
            let training = try TrainingRequest.parse(body, contentType: request.headers[.contentType])
            let job = try state.training.start(training, state: state)
            return JSONBody.response(job.status, status: .accepted)
        case .train where method == .delete:
            return JSONBody.response(try state.training.cancel())
        case .train:
            return state.training.status
        case .trainingEvents:
            return try state.training.eventStream()
        case .trainedModel:
            return try state.training.download()
        case .look:
            return JSONBody.response(json: PageLook.json)
        case .lossChart:
            return try state.training.chart("loss")
        case .accuracyChart:
            return try state.training.chart("accuracy")
        }
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
#endif
