import ArgumentParser
import MNIST
import NeuralNet

/// How the weights learn: the optimizer, its learning rate and how that changes over the run,
/// momentum and weight decay. Flags left out take the chosen optimizer's defaults.
extension RecipeOptions {
    /// The values in effect: those given, else the optimizer's defaults.
    var effectiveLearningRate: Float { learningRate ?? optimizer.defaultLearningRate }
    var effectiveMomentum: Float { momentum ?? 0.9 }
    var effectiveBeta1: Float { beta1 ?? 0.9 }
    var effectiveBeta2: Float { beta2 ?? 0.999 }
    var effectiveWeightDecay: Float { weightDecay ?? optimizer.defaultWeightDecay }

    func effectiveWarmupEpochs(epochs: Int) -> Double { scheduleSettings(epochs: epochs).warmupEpochs }
    func effectiveStepEpochs(epochs: Int) -> Int { scheduleSettings(epochs: epochs).stepEpochs }

    /// The optimizer flags' own checks, which need no other flag.
    func validateOptimizer() throws {
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--lr must be a positive number such as 0.05 (got \(learningRate)).")
        }
        if let weightDecay, !(weightDecay >= 0 && weightDecay.isFinite) {
            throw ValidationError("--weight-decay must be 0 or positive (got \(weightDecay)).")
        }
        for (flag, value) in [("--momentum", momentum), ("--beta1", beta1), ("--beta2", beta2)] {
            if let value, !(0..<1).contains(value) {
                throw ValidationError("\(flag) must be at least 0 and below 1 (got \(value)).")
            }
        }
        if let warmupEpochs, !(warmupEpochs >= 0 && warmupEpochs.isFinite) {
            throw ValidationError("--warmup-epochs must be 0 or more (got \(warmupEpochs)).")
        }
        if schedule != .step && (stepEpochs != nil || stepFactor != nil) {
            throw ValidationError(
                "--step-epochs and --step-factor apply to --schedule step (the schedule is \(schedule.rawValue)).")
        }
        if let stepEpochs, stepEpochs < 1 {
            throw ValidationError("--step-epochs must be at least 1 (got \(stepEpochs)).")
        }
        if let stepFactor, !(stepFactor > 0 && stepFactor < 1) {
            throw ValidationError("--step-factor must be above 0 and below 1, such as 0.1 (got \(stepFactor)).")
        }
        switch optimizer {
        case .sgd, .nesterov:
            if beta1 != nil || beta2 != nil {
                throw ValidationError(
                    "--beta1 and --beta2 apply to adam and adamw; \(optimizer.rawValue) uses --momentum.")
            }
            if optimizer == .nesterov && effectiveMomentum == 0 {
                throw ValidationError(
                    "--optimizer nesterov needs a positive --momentum (got 0); use sgd for plain gradient descent.")
            }
        case .adam, .adamw:
            if momentum != nil {
                throw ValidationError(
                    "--momentum applies to sgd and nesterov; \(optimizer.rawValue)'s momentum is --beta1.")
            }
            if optimizer == .adamw && effectiveLearningRate * effectiveWeightDecay >= 1 {
                throw ValidationError(
                    "adamw shrinks the weights by --lr × --weight-decay each step, which must stay below 1 (got \(effectiveLearningRate) × \(effectiveWeightDecay))."
                )
            }
        }
    }

    /// The checks that need the length of the run.
    func validate(epochs: Int) throws {
        let warmup = effectiveWarmupEpochs(epochs: epochs)
        guard warmup <= Double(epochs) else {
            throw ValidationError(
                "--warmup-epochs must not be longer than the run (got \(Format.epochs(warmup)) of \(epochs) epochs).")
        }
        if schedule == .step, warmup > Double(effectiveStepEpochs(epochs: epochs)) {
            throw ValidationError(
                "--warmup-epochs must not outlast the first step of the rate (got \(Format.epochs(warmup)), first step after \(effectiveStepEpochs(epochs: epochs)))."
            )
        }
    }

    /// The optimizer these flags choose.
    var optimizerSettings: OptimizerSettings {
        OptimizerSettings(
            optimizer, learningRate: effectiveLearningRate, momentum: effectiveMomentum, beta1: effectiveBeta1,
            beta2: effectiveBeta2, weightDecay: effectiveWeightDecay)
    }

    /// The learning-rate schedule these flags choose for a run of `epochs` epochs.
    func scheduleSettings(epochs: Int) -> ScheduleSettings {
        ScheduleSettings(
            schedule, epochs: epochs, warmupEpochs: warmupEpochs, stepEpochs: stepEpochs, stepFactor: stepFactor)
    }
}

extension ScheduleSettings.Kind: ExpressibleByArgument {}

extension OptimizerSettings.Kind {
    init(parsing text: String) throws {
        guard let kind = Self(rawValue: text.lowercased()) else {
            throw ValidationError(
                "unknown optimizer '\(text)'; choose \(Self.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = kind
    }
}
