/// Which optimizer a run uses and its hyperparameters: a value that makes the optimizer.
public struct OptimizerSettings: Sendable, Equatable {
    /// The optimizers, named as `--optimizer` names them.
    public enum Kind: String, CaseIterable, Sendable {
        /// SGD with momentum.
        case sgd
        /// SGD with Nesterov momentum.
        case nesterov
        /// Adam with an L2 term.
        case adam
        /// Adam with decoupled weight decay.
        case adamw

        /// The learning rate a run uses when none is given.
        public var defaultLearningRate: Float {
            switch self {
            case .sgd, .nesterov: 0.03
            case .adam, .adamw: 0.001
            }
        }

        /// PyTorch's AdamW default: decoupled decay is multiplied by the small Adam learning rate.
        public var defaultWeightDecay: Float { self == .adamw ? 0.01 : 1e-4 }
    }

    /// Which optimizer.
    public var kind: Kind
    /// The base learning rate, which the schedule scales.
    public var learningRate: Float
    /// Momentum of sgd and nesterov.
    public var momentum: Float
    /// Adam's decay rate for its running mean of the gradient.
    public var beta1: Float
    /// Adam's decay rate for its running mean of the squared gradient.
    public var beta2: Float
    /// On the weights, not the biases.
    public var weightDecay: Float

    /// Settings left out take `kind`'s defaults.
    public init(
        _ kind: Kind = .sgd, learningRate: Float? = nil, momentum: Float = 0.9, beta1: Float = 0.9,
        beta2: Float = 0.999,
        weightDecay: Float? = nil
    ) {
        self.kind = kind
        self.learningRate = learningRate ?? kind.defaultLearningRate
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.weightDecay = weightDecay ?? kind.defaultWeightDecay
    }

    /// The optimizer over `parameters`.
    public func makeOptimizer(for parameters: [Parameter]) -> any Optimizer {
        switch kind {
        case .sgd, .nesterov:
            SGD(
                parameters: parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay,
                nesterov: kind == .nesterov)
        case .adam, .adamw:
            Adam(
                parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
                weightDecay: weightDecay,
                decoupledWeightDecay: kind == .adamw)
        }
    }
}
