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
/// Classical momentum keeps the velocity of each weight matrix (each parameter that decays)
/// in the matrix's gradient buffer: a step leaves `momentum · v` there, and the backward pass,
/// given `gradientCarry` 1, adds ∇ to it. That spares the step a third buffer to read, and the
/// product a cleared one to write; the sums are the same, in the same order. Biases, and every
/// parameter under Nesterov momentum (which needs ∇ apart from `v`), keep their velocities
/// apart. Making an optimizer takes its parameters' gradient buffers over: update a parameter
/// with one optimizer at a time.
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
    /// 1 under classical momentum, whose step leaves `momentum · v` in each weight matrix's
    /// gradient buffer for the backward pass to add ∇ to; 0 under Nesterov momentum.
    public var gradientCarry: Float { nesterov ? 0 : 1 }
    /// The velocity of each parameter that keeps it apart; nil for one whose gradient buffer holds it.
    private let velocities: [Matrix?]
    /// Each parameter's update, made once so that a step allocates nothing.
    private let updates: [Update]

    /// SGD over `parameters`, with velocities at zero; Nesterov momentum needs a positive `momentum`.
    public init(
        parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
        nesterov: Bool = false
    ) {
        require(!nesterov || momentum > 0, "Nesterov momentum needs a positive momentum")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        let keepsVelocityInGradient = { (parameter: Parameter) in !nesterov && parameter.decays }  // weight matrices
        for parameter in parameters where keepsVelocityInGradient(parameter) {
            parameter.gradient.fill(0)  // the velocity starts at zero
        }
        velocities = parameters.map {
            keepsVelocityInGradient($0) ? nil : Matrix(rows: $0.value.rows, columns: $0.value.columns)
        }
        updates = zip(parameters, velocities).map { parameter, velocity in
            Update(
                parameter: parameter, velocity: velocity, momentum: momentum,
                weightDecay: parameter.decays ? weightDecay : 0, nesterov: nesterov)
        }
    }

    public func step() {
        for update in updates {
            update.learningRate = learningRate
            update.perform(0..<update.count)
        }
    }

    /// `step()`, each parameter's elements split over `kernel`'s threads.
    public func step(on kernel: any GEMMKernel) {
        for update in updates {
            update.learningRate = learningRate
            kernel.forEachPiece(of: update.count, update)
        }
    }
}

extension SGD {
    /// The update of one parameter and its velocity, over any piece of their elements.
    final class Update: ElementwiseWork {
        /// The parameter's number of elements.
        let count: Int
        private let w: UnsafeMutablePointer<Float>
        private let g: UnsafeMutablePointer<Float>
        /// The velocity kept apart, or nil when `g` holds it (`SGD.gradientCarry`).
        private let v: UnsafeMutablePointer<Float>?
        private let momentum: Float
        private let decay: Float
        private let nesterov: Bool
        /// The step size of the next update.
        var learningRate: Float = 0

        init(parameter: Parameter, velocity: Matrix?, momentum: Float, weightDecay: Float, nesterov: Bool) {
            count = parameter.value.count
            (w, g, v) = (parameter.value.storage, parameter.gradient.storage, velocity?.storage)
            (self.momentum, decay, self.nesterov) = (momentum, weightDecay, nesterov)
        }

        func perform(_ piece: Range<Int>) {
            let (w, g, momentum, decay, learningRate) = (w, g, momentum, decay, learningRate)
            guard let v else {
                // g holds momentum · v + ∇, summed by the backward pass.
                for index in piece {
                    let velocity = g[index] + decay * w[index]
                    w[index] -= learningRate * velocity
                    g[index] = momentum * velocity
                }
                return
            }
            if nesterov {
                for index in piece {
                    let gradient = g[index] + decay * w[index]
                    v[index] = momentum * v[index] + gradient
                    w[index] -= learningRate * (gradient + momentum * v[index])
                }
            } else {
                for index in piece {
                    v[index] = momentum * v[index] + g[index] + decay * w[index]
                    w[index] -= learningRate * v[index]
                }
            }
        }
    }
}
