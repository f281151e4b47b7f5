import Foundation

/// What the page's train panel asks for (`POST /api/train`), within bounds that keep a run
/// to minutes: `{"hidden": [128, 64], "epochs": 3, "learning_rate": 0.03, "limit": 10000}`.
public struct TrainingRequest: Codable, Equatable, Sendable {
    public var hidden: [Int]
    public var epochs: Int
    public var learningRate: Float
    /// Train on only the first N training images (default: all of them).
    public var limit: Int?

    /// The bounds, also sent to the page so that its inputs match.
    public struct Limits: Encodable, Sendable {
        public var maximumHiddenLayers = 4
        public var maximumWidth = 1024
        public var maximumEpochs = 30
        public var maximumLearningRate: Float = 1
    }

    public static let limits = Limits()

    /// The request in `body`, or a 415 or 400 saying what is wrong with it.
    public static func parse(_ body: Data, contentType: String?) throws(APIError) -> TrainingRequest {
        guard JSONRequest.mediaType(of: contentType) == "application/json" else {
            throw .unsupportedMediaType(contentType, expected: "a training run is asked for as application/json")
        }
        let request = try JSONRequest.decode(TrainingRequest.self, from: body, what: "the training request")
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
