import Foundation

/// The learning rate as a function of the training step.
public enum LearningRateSchedule: String, CaseIterable, Sendable {
    /// The base rate throughout.
    case constant
    /// Half a cosine from the base rate down to zero over the whole run (Loshchilov and
    /// Hutter, "SGDR", 2017, without restarts): large steps early, fine steps at the end, so
    /// the final weights do not bounce around a minimum.
    case cosine

    /// The rate for `step` (counted from 0) of a run of `totalSteps` steps.
    public func learningRate(base: Float, step: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .cosine:
            let progress = Double(min(step, totalSteps)) / Double(max(totalSteps, 1))
            return base * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}
