#if Server
import Foundation

/// What the page's train panel asks for (`POST /api/train`), within bounds that keep a run
/// to minutes: `{"hidden": [128, 64], "epochs": 3, "learning_rate": 0.03, "limit": 10000}`.
struct TrainingRequest: Codable, Sendable {
    var hidden: [Int]
    var epochs: Int
    var learningRate: Float
    /// Train on only the first N training images (default: all of them).
    var limit: Int?

    /// The bounds, also sent to the page so that its inputs match.
    struct Limits: Encodable, Sendable {
        var maximumHiddenLayers = 4
        var maximumWidth = 1024
        var maximumEpochs = 30
        var maximumLearningRate: Float = 1
    }

    static let limits = Limits()

    /// The request in `body`, or a 415 or 400 saying what is wrong with it.
    static func parse(_ body: Data, contentType: String?) throws(APIError) -> TrainingRequest {
        guard contentType?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(
                status: .unsupportedMediaType,
                message:
                    "a training run is asked for as application/json, not \(contentType ?? "a body without a Content-Type")"
            )
        }
        let request = try JSONBody.decode(TrainingRequest.self, from: body, what: "the training request")
        try request.check()
        return request
    }

    private func check() throws(APIError) {
        let limits = Self.limits
        guard (1...limits.maximumHiddenLayers).contains(hidden.count) else {
            throw .badRequest("hidden must list 1 to \(limits.maximumHiddenLayers) layer widths, not \(hidden.count)")
        }
        if let width = hidden.first(where: { !(1...limits.maximumWidth).contains($0) }) {
            throw .badRequest("each hidden layer has 1 to \(limits.maximumWidth) units, not \(width)")
        }
        guard (1...limits.maximumEpochs).contains(epochs) else {
            throw .badRequest("epochs must be 1 to \(limits.maximumEpochs), not \(epochs)")
        }
        guard learningRate.isFinite, learningRate > 0, learningRate <= limits.maximumLearningRate else {
            throw .badRequest(
                "learning_rate must be above 0 and at most \(limits.maximumLearningRate), not \(learningRate)")
        }
        if let limit, limit < 1 { throw .badRequest("limit must be at least 1, not \(limit)") }
    }
}
#endif
