import Foundation

/// The learning rate as a function of the training step: an optional linear warm-up to the
/// base rate, then a decay.
///
/// A warm-up climbs linearly from `base / 25` at step 0 to `base` at step `warmupSteps`, so that
/// the first, large and noisy gradients of a fresh network (and Adam's first, poorly estimated
/// moments) cannot throw the weights far. Cosine and linear decays then run from the base rate
/// at the end of the warm-up to zero at the end of the run.
public struct LearningRateSchedule: Sendable, Equatable {
    /// How the rate falls after the warm-up.
    public enum Decay: Sendable, Equatable {
        /// The base rate throughout.
        case constant
        /// Half a cosine from the base rate down to zero (Loshchilov and Hutter, "SGDR", 2017,
        /// without restarts): large steps early, fine steps at the end, so the final weights
        /// do not bounce around a minimum.
        case cosine
        /// A straight line from the base rate down to zero.
        case linear
        /// The base rate times `factor` raised to the number of whole `interval`s since the
        /// start of the run, such as ×0.1 every 10 epochs.
        case step(interval: Int, factor: Float)
    }

    /// How the rate falls after the warm-up.
    public var decay: Decay
    /// Steps of linear warm-up at the start of the run (0 for none).
    public var warmupSteps: Int

    /// The fraction of the base rate a warm-up starts from (PyTorch's `OneCycleLR` default).
    public static let warmupStartFactor: Float = 1 / 25

    /// A schedule that warms up for `warmupSteps` steps, then decays as `decay` says.
    public init(_ decay: Decay, warmupSteps: Int = 0) {
        require(warmupSteps >= 0, "warm-up steps must not be negative")
        if case let .step(interval, factor) = decay {
            require(interval > 0 && factor > 0, "a step decay needs a positive interval and factor")
        }
        self.decay = decay
        self.warmupSteps = warmupSteps
    }

    /// The base rate throughout.
    public static let constant = LearningRateSchedule(.constant)
    /// Cosine decay to zero over the whole run, without warm-up.
    public static let cosine = LearningRateSchedule(.cosine)

    /// The one-cycle policy (Smith and Topin, "Super-convergence", 2019): a long linear climb
    /// to the base rate, then a linear descent to zero.
    public static func oneCycle(warmupSteps: Int) -> LearningRateSchedule {
        LearningRateSchedule(.linear, warmupSteps: warmupSteps)
    }

    /// The rate for `step` (counted from 0) of a run of `totalSteps` steps.
    public func learningRate(base: Float, step: Int, totalSteps: Int) -> Float {
        if step < warmupSteps {
            let start = Self.warmupStartFactor
            return base * (start + (1 - start) * Float(step) / Float(warmupSteps))
        }
        let decaySteps = totalSteps - warmupSteps
        let progress = max(0, Double(min(step - warmupSteps, decaySteps)) / Double(max(decaySteps, 1)))
        switch decay {
        case .constant:
            return base
        case .cosine:
            return base * Float(0.5 * (1 + cos(Double.pi * progress)))
        case .linear:
            return base * Float(1 - progress)
        case let .step(interval, factor):
            return base * pow(factor, Float(step / interval))
        }
    }
}
