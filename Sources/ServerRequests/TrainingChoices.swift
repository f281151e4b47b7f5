import MNIST
import NeuralNet

/// The optimizers, schedules and augmentations the page's training form offers, named as
/// `mnist train` names them, with `mnist train`'s defaults: the page builds its selects from
/// these and sets the learning rate to the chosen optimizer's default, so that neither the
/// names nor the defaults are written twice.
public struct TrainingChoices: Encodable, Sendable {
    /// One optimizer: its `--optimizer` name, a short title, and its default learning rate.
    public struct Optimizer: Encodable, Sendable {
        public var name: String
        public var title: String
        public var defaultLearningRate: Float
    }

    /// What a request that leaves `optimizer`, `schedule` or `augment` out gets (its learning
    /// rate, which it always gives, starts on the page as that optimizer's default).
    public struct Defaults: Encodable, Sendable {
        public var optimizer = TrainingRecipe().optimizer.kind.rawValue
        public var schedule = TrainingRecipe().schedule.kind.rawValue
        public var augment = TrainingRecipe().augmentation.rawValue
    }

    /// Every optimizer `--optimizer` takes, the default first.
    public var optimizers = OptimizerSettings.Kind.allCases.map {
        Optimizer(name: $0.rawValue, title: $0.title, defaultLearningRate: $0.defaultLearningRate)
    }
    /// Every schedule `--schedule` takes.
    public var schedules = ScheduleSettings.Kind.allCases.map(\.rawValue)
    /// Every augmentation `--augment` takes.
    public var augmentations = Augmentation.allCases.map(\.rawValue)
    public var defaults = Defaults()

    /// The choices as `mnist train` has them.
    public init() {}
}

extension OptimizerSettings.Kind {
    /// A short title for the page and the labels of compared runs, such as `SGD+momentum`.
    public var title: String {
        switch self {
        case .sgd: "SGD+momentum"
        case .nesterov: "SGD+Nesterov"
        case .adam: "Adam"
        case .adamw: "AdamW"
        }
    }
}
