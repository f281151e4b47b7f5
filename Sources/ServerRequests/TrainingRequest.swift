import Foundation
import MNIST
import NeuralNet

/// What the page's train panel asks for (`POST /api/train`), within bounds that keep a run
/// to minutes: `{"hidden": [128, 64], "epochs": 3, "learning_rate": 0.03, "limit": 10000,
/// "seed": 42, "threads": 1, "optimizer": "sgd", "schedule": "cosine", "augment": "none",
/// "mode": "run"}`. Every field but `hidden`, `epochs` and `learning_rate` may be left out; the
/// rest of the recipe is `mnist train`'s default, so the same settings give the same model file
/// as `mnist train --hidden … --epochs … --lr … --seed … --threads … --optimizer … --schedule …
/// --augment …`.
public struct TrainingRequest: Codable, Equatable, Sendable {
    public var hidden: [Int]
    public var epochs: Int
    public var learningRate: Float
    /// Train on only the first N training images (default: all of them).
    public var limit: Int?
    /// Seeds the weights, the shuffling and every other random draw (default: `mnist train`'s,
    /// 42); 0 or more.
    public var seed: Int
    /// Threads for the matrix products and the augmentation (default 1, which leaves the other
    /// cores to requests).
    public var threads: Int
    /// The optimizer, as `--optimizer` names it (default: `mnist train`'s, `sgd`).
    public var optimizer: OptimizerSettings.Kind
    /// How the learning rate changes over the run, as `--schedule` names it (default: `cosine`).
    public var schedule: ScheduleSettings.Kind
    /// The distortion of the training images, as `--augment` names it (default: `none`).
    public var augment: Augmentation
    /// At full speed (default) or one batch per `POST /api/train/step`.
    public var mode: TrainingMode

    public init(
        hidden: [Int], epochs: Int, learningRate: Float, limit: Int? = nil, seed: Int = Int(TrainingRecipe().seed),
        threads: Int = 1, optimizer: OptimizerSettings.Kind = TrainingRecipe().optimizer.kind,
        schedule: ScheduleSettings.Kind = TrainingRecipe().schedule.kind,
        augment: Augmentation = TrainingRecipe().augmentation, mode: TrainingMode = .run
    ) {
        (self.hidden, self.epochs, self.learningRate, self.limit) = (hidden, epochs, learningRate, limit)
        (self.seed, self.threads) = (seed, threads)
        (self.optimizer, self.schedule, self.augment, self.mode) = (optimizer, schedule, augment, mode)
    }

    private enum CodingKeys: String, CodingKey {
        case hidden, epochs, learningRate, limit, seed, threads, optimizer, schedule, augment, mode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TrainingRequest(hidden: [], epochs: 0, learningRate: 0)
        self.init(
            hidden: try container.decode([Int].self, forKey: .hidden),
            epochs: try container.decode(Int.self, forKey: .epochs),
            learningRate: try container.decode(Float.self, forKey: .learningRate),
            limit: try container.decodeIfPresent(Int.self, forKey: .limit),
            seed: try container.decodeIfPresent(Int.self, forKey: .seed) ?? defaults.seed,
            threads: try container.decodeIfPresent(Int.self, forKey: .threads) ?? defaults.threads,
            optimizer: try Self.choice(.optimizer, in: container) ?? defaults.optimizer,
            schedule: try Self.choice(.schedule, in: container) ?? defaults.schedule,
            augment: try Self.choice(.augment, in: container) ?? defaults.augment,
            mode: try Self.choice(.mode, in: container) ?? defaults.mode)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hidden, forKey: .hidden)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(learningRate, forKey: .learningRate)
        try container.encodeIfPresent(limit, forKey: .limit)
        try container.encode(seed, forKey: .seed)
        try container.encode(threads, forKey: .threads)
        try container.encode(optimizer.rawValue, forKey: .optimizer)
        try container.encode(schedule.rawValue, forKey: .schedule)
        try container.encode(augment.rawValue, forKey: .augment)
        try container.encode(mode.rawValue, forKey: .mode)
    }

    /// The choice named by the string at `key`, nil when the key is missing, or a 400 listing
    /// the names there are.
    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Choice? where Choice.RawValue == String {
        guard let name = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let choice = Choice(rawValue: name) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest(
                "\(JSONRequest.snakeCase(key.stringValue)) must be one of \(names), not \"\(name)\"")
        }
        return choice
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

    /// The recipe the request asks for: `mnist train`'s default with the request's settings, the
    /// optimizer's and the schedule's other settings at their defaults, as `mnist train` sets them.
    public var recipe: TrainingRecipe {
        var recipe = TrainingRecipe()
        recipe.hiddenWidths = hidden
        recipe.epochs = epochs
        recipe.optimizer = OptimizerSettings(optimizer, learningRate: learningRate)
        recipe.schedule = ScheduleSettings(schedule, epochs: epochs)
        recipe.augmentation = augment
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
