/// Stochastic gradient descent with momentum and L2 weight decay, as PyTorch's `optim.SGD`
/// defines them:
///
///     g ← ∇ + weightDecay · w      (weights only; biases do not decay)
///     v ← momentum · v + g
///     w ← w − learningRate · v                    (classical momentum)
///     w ← w − learningRate · (g + momentum · v)   (Nesterov momentum)
///
/// Nesterov's variant (Sutskever et al., 2013) steps from where the momentum is about to
/// carry the weights, which damps the overshoot of classical momentum.
public final class SGD: Optimizer {
    /// The parameters it updates.
    public let parameters: [Parameter]
    /// The step size; a schedule sets it before every step.
    public var learningRate: Float
    /// The fraction of the velocity kept from one step to the next (0 for plain SGD).
    public let momentum: Float
    /// The L2 weight decay on weights (never biases).
    public let weightDecay: Float
    /// Whether the step uses Nesterov momentum.
    public let nesterov: Bool
    private let velocities: [Matrix]

    /// SGD over `parameters`; Nesterov momentum needs a positive `momentum`.
    public init(
        parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
        nesterov: Bool = false
    ) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs a positive momentum")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        velocities = parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
    }

    public func step() {
        for (parameter, velocity) in zip(parameters, velocities) {
            let w = parameter.value.storage
            let g = parameter.gradient.storage
            let v = velocity.storage
            let decay = parameter.decays ? weightDecay : 0
            if nesterov {
                for index in 0..<parameter.value.count {
                    let gradient = g[index] + decay * w[index]
                    v[index] = momentum * v[index] + gradient
                    w[index] -= learningRate * (gradient + momentum * v[index])
                }
            } else {
                for index in 0..<parameter.value.count {
                    v[index] = momentum * v[index] + g[index] + decay * w[index]
                    w[index] -= learningRate * v[index]
                }
            }
        }
    }
}
