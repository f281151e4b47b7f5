/// How the learning rate changes over a run, counted in epochs: a value that makes the
/// `LearningRateSchedule` once the number of steps per epoch is known.
public struct ScheduleSettings: Sendable, Equatable {
    /// The shapes of schedule, named as `--schedule` names them.
    public enum Kind: String, CaseIterable, Sendable {
        /// The base rate throughout.
        case constant
        /// From the base rate down to 0 along half a cosine.
        case cosine
        /// Times `stepFactor` every `stepEpochs`.
        case step
        /// A linear climb to the base rate over the warm-up, then a linear fall to 0.
        case onecycle
    }

    /// The shape of the schedule.
    public var kind: Kind
    /// Epochs (fractions allowed) of linear warm-up from base/25 to the base rate.
    public var warmupEpochs: Double
    /// With `step`: epochs between two drops of the rate.
    public var stepEpochs: Int
    /// With `step`: what each drop multiplies the rate by.
    public var stepFactor: Float

    /// Settings for a schedule of this kind; the defaults are `mnist train`'s.
    public init(_ kind: Kind = .cosine, warmupEpochs: Double = 0, stepEpochs: Int = 1, stepFactor: Float = 0.1) {
        self.kind = kind
        self.warmupEpochs = warmupEpochs
        self.stepEpochs = stepEpochs
        self.stepFactor = stepFactor
    }

    /// `kind`'s schedule for a run of `epochs` epochs, with `mnist train`'s default for each
    /// setting left out: no warm-up (30% of the run for `onecycle`) and, for `step`, a drop to
    /// 0.1 times the rate every third of the run (rounded up).
    public init(
        _ kind: Kind, epochs: Int, warmupEpochs: Double? = nil, stepEpochs: Int? = nil, stepFactor: Float? = nil
    ) {
        let warmup = warmupEpochs ?? (kind == .onecycle ? 0.3 * Double(epochs) : 0)
        guard kind == .step else {
            self.init(kind, warmupEpochs: warmup)
            return
        }
        self.init(
            .step, warmupEpochs: warmup, stepEpochs: stepEpochs ?? (epochs + 2) / 3, stepFactor: stepFactor ?? 0.1)
    }

    /// The schedule for epochs of `batchesPerEpoch` steps.
    public func makeSchedule(batchesPerEpoch: Int) -> LearningRateSchedule {
        let warmupSteps = Int((warmupEpochs * Double(batchesPerEpoch)).rounded())
        let decay: LearningRateSchedule.Decay =
            switch kind {
            case .constant: .constant
            case .cosine: .cosine
            case .step: .step(interval: stepEpochs * batchesPerEpoch, factor: stepFactor)
            case .onecycle: .linear
            }
        return LearningRateSchedule(decay, warmupSteps: warmupSteps)
    }
}
