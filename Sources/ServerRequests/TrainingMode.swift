/// How a training run from the page goes (`"mode"` of `POST /api/train`): `run` trains at full
/// speed from start to end; `step` builds the run and waits, training one batch for each
/// `POST /api/train/step`, until `POST /api/train/run` sends it on at full speed.
public enum TrainingMode: String, Codable, Sendable, CaseIterable {
    case run, step

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let mode = TrainingMode(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be run or step, not \"\(name)\"")
        }
        self = mode
    }
}
