/// How a training run from the page goes (`"mode"` of `POST /api/train`): `run` trains at full
/// speed from start to end; `step` builds the run and waits, training one batch for each
/// `POST /api/train/step`, until `POST /api/train/run` sends it on at full speed.
public enum TrainingMode: String, Encodable, Sendable, CaseIterable {
    case run, step
}
