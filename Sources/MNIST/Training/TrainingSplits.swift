import Foundation

/// The images of a training run: the training set less the validation images held out from
/// its end (and cut to a limit, for quick experiments), and the test set. `mnist train` and
/// the page's training runs split the same way.
public struct TrainingSplits: Sendable {
    /// The images the network learns from.
    public var training: LabelledImages
    /// Held out from the end of the training set, measured after every epoch (may be empty).
    public var validation: LabelledImages
    /// Measured once, after training.
    public var test: LabelledImages

    /// The validation images held out unless a run says otherwise: the last 5,000 of MNIST's
    /// 60,000 training images, as in LeCun et al.'s and most MLP baselines' splits.
    public static let defaultValidationCount = 5000

    /// Holds the last `validationCount` images of `allTraining` out for validation and keeps
    /// the first `limit` of the rest (all of them when `limit` is nil).
    public init(
        allTraining: LabelledImages, test: LabelledImages, validationCount: Int = defaultValidationCount,
        limit: Int? = nil
    ) throws(SplitError) {
        guard validationCount >= 0 else { throw .negativeValidation(validationCount) }
        guard validationCount < allTraining.count else {
            throw .noTrainingLeft(validation: validationCount, trainingSet: allTraining.count)
        }
        var (training, validation) = allTraining.split(validationCount: validationCount)
        if let limit {
            guard limit >= 1 else { throw .emptyLimit(limit) }
            if limit < training.count { training = training.slice(0..<limit) }
        }
        (self.training, self.validation, self.test) = (training, validation, test)
    }

    /// Loads both sets from `directory` and splits them.
    public static func load(
        from directory: MNISTDirectory, validationCount: Int = defaultValidationCount, limit: Int? = nil
    ) throws -> TrainingSplits {
        try TrainingSplits(
            allTraining: directory.trainingSet(), test: directory.testSet(), validationCount: validationCount,
            limit: limit)
    }
}

/// Why a training set cannot be split as asked.
public enum SplitError: Error, Equatable, CustomStringConvertible {
    /// The validation count asked for is below 0.
    case negativeValidation(Int)
    /// Holding out `validation` images would leave none of the `trainingSet` images to train on.
    case noTrainingLeft(validation: Int, trainingSet: Int)
    /// The limit on training images asked for is below 1.
    case emptyLimit(Int)

    public var description: String {
        switch self {
        case let .negativeValidation(count):
            "the validation images must be 0 or more (got \(count))."
        case let .noTrainingLeft(validation, trainingSet):
            "holding out \(validation) validation images would leave no training images (the training set has \(trainingSet))."
        case let .emptyLimit(limit):
            "the training-image limit must be at least 1 (got \(limit))."
        }
    }
}
