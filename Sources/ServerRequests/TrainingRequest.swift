import Foundation
import MNIST

/// What the page's train panel asks for (`POST /api/train`), within bounds that keep a run
/// to minutes: `{"hidden": [128, 64], "epochs": 3, "learning_rate": 0.03, "limit": 10000,
/// "seed": 42, "threads": 1, "mode": "run"}`. Every field but `hidden`, `epochs` and
/// `learning_rate` may be left out; the rest of the recipe is `mnist train`'s default, so the same settings give the
/// same model file as `mnist train --hidden … --epochs … --lr … --seed … --threads …`.
public struct TrainingRequest: Codable, Equatable, Sendable {
    public var hidden: [Int]
    public var epochs: Int
    public var learningRate: Float
    /// Train on only the first N training images (default: all of them).
    public var limit: Int?
    /// Seeds the weights, the shuffling and every other random draw (default: `mnist train`'s,
    /// 42); 0 or more.
    public var seed: Int
    /// Threads for the matrix products (default 1, which leaves the other cores to requests).
    public var threads: Int
    /// At full speed (default) or one batch per `POST /api/train/step`.
    public var mode: TrainingMode

    public init(
        hidden: [Int], epochs: Int, learningRate: Float, limit: Int? = nil, seed: Int = Int(TrainingRecipe().seed),
        threads: Int = 1, mode: TrainingMode = .run
    ) {
        (self.hidden, self.epochs, self.learningRate, self.limit) = (hidden, epochs, learningRate, limit)
        (self.seed, self.threads, self.mode) = (seed, threads, mode)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            hidden: try container.decode([Int].self, forKey: .hidden),
            epochs: try container.decode(Int.self, forKey: .epochs),
            learningRate: try container.decode(Float.self, forKey: .learningRate),
            limit: try container.decodeIfPresent(Int.self, forKey: .limit),
            seed: try container.decodeIfPresent(Int.self, forKey: .seed) ?? Int(TrainingRecipe().seed),
            threads: try container.decodeIfPresent(Int.self, forKey: .threads) ?? 1,
            mode: try container.decodeIfPresent(TrainingMode.self, forKey: .mode) ?? .run)
    }

    /// The bounds, also sent to the page so that its inputs match.
    public struct Limits: Encodable, Sendable {
        public var maximumHiddenLayers = 4
        public var maximumWidth = 1024
        public var maximumEpochs = 30
        public var maximumLearningRate: Float = 1
        /// One per core.
        public var maximumThreads = ProcessInfo.processInfo.activeProcessorCount
        /// A run trains on at least one batch.
        public var minimumLimit = TrainingRecipe().batchSize
    }

    public static let limits = Limits()

    /// The recipe the request asks for: `mnist train`'s default with the request's settings.
    public var recipe: TrainingRecipe {
        var recipe = TrainingRecipe()
        recipe.hiddenWidths = hidden
        recipe.epochs = epochs
        recipe.optimizer.learningRate = learningRate
        recipe.seed = UInt64(seed)
        return recipe
    }

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
        if let limit, limit < limits.minimumLimit {
            throw .badRequest(
                "limit must be at least \(limits.minimumLimit) images (one batch), not \(limit)")
        }
        guard seed >= 0 else { throw .badRequest("seed must be 0 or more, not \(seed)") }
        guard (1...limits.maximumThreads).contains(threads) else {
            throw .badRequest("threads must be 1 to \(limits.maximumThreads) (one per core), not \(threads)")
        }
    }
}
