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
///
/// Classical momentum keeps the velocity of each weight matrix in the matrix's gradient
/// buffer, whose `accumulatesGradient` it turns on: a step leaves `momentum · v` there, and the
/// backward pass's weight-gradient product adds ∇ to it. That spares the step a third buffer
/// to read, and the product a cleared one to write; the sums are the same, in the same order.
/// Biases, and every parameter under Nesterov momentum (which needs ∇ apart from `v`), keep
/// their velocities apart. Making an optimizer takes its parameters' gradient buffers over:
/// update a parameter with one optimizer at a time.
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
    /// The velocity of each parameter that keeps it apart; nil for one whose gradient buffer holds it.
    private let velocities: [Matrix?]

    /// SGD over `parameters`, with velocities at zero; Nesterov momentum needs a positive `momentum`.
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
        for parameter in parameters {
            parameter.accumulatesGradient = !nesterov && parameter.decays  // the weight matrices
            if parameter.accumulatesGradient { parameter.gradient.fill(0) }
        }
        velocities = parameters.map {
            $0.accumulatesGradient ? nil : Matrix(rows: $0.value.rows, columns: $0.value.columns)
        }
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            update(index, elements: 0..<parameter.value.count)
        }
    }

    /// `step()`, each parameter's elements split over `kernel`'s threads.
    public func step(on kernel: any GEMMKernel) {
        for (index, parameter) in parameters.enumerated() {
            kernel.forEachPiece(of: parameter.value.count) { update(index, elements: $0) }
        }
    }

    /// Updates `elements` of parameter `index` and of its velocity.
    private func update(_ index: Int, elements: Range<Int>) {
        let parameter = parameters[index]
        let (w, g) = (parameter.value.storage, parameter.gradient.storage)
        let (learningRate, momentum) = (self.learningRate, self.momentum)
        let decay = parameter.decays ? weightDecay : 0
        guard let v = velocities[index]?.storage else {
            // g holds momentum · v + ∇, summed by the backward pass.
            for index in elements {
                let velocity = g[index] + decay * w[index]
                w[index] -= learningRate * velocity
                g[index] = momentum * velocity
            }
            return
        }
        if nesterov {
            for index in elements {
                let gradient = g[index] + decay * w[index]
                v[index] = momentum * v[index] + gradient
                w[index] -= learningRate * (gradient + momentum * v[index])
            }
        } else {
            for index in elements {
                v[index] = momentum * v[index] + g[index] + decay * w[index]
                w[index] -= learningRate * v[index]
            }
        }
    }
}
