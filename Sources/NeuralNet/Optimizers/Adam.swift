import Foundation

/// Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019), as PyTorch's
/// `optim.Adam` and `optim.AdamW` define them. At update `t` (counted from 1):
///
///     w ← w · (1 − learningRate · weightDecay)      (AdamW: decoupled decay, weights only)
///     g ← ∇ + weightDecay · w                        (Adam: L2 decay, weights only)
///     m ← β₁ · m + (1 − β₁) · g
///     v ← β₂ · v + (1 − β₂) · g²
///     w ← w − learningRate / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Each weight moves by about `learningRate` whatever the scale of its gradient. With L2
/// decay, that normalization also shrinks the decay of weights with large gradients;
/// decoupling it shrinks every weight by the same fraction.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// AdamW's decoupled weight decay instead of Adam's L2 term in the gradient.
    public let decoupledWeightDecay: Bool
    /// Updates applied so far.
    public private(set) var stepCount = 0
    /// The running means of the gradient (`m`) and of its square (`v`), per parameter.
    private let firstMoments: [Matrix]
    private let secondMoments: [Matrix]

    public init(
        parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam's betas must lie in [0, 1)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        firstMoments = parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
        secondMoments = parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
    }

    public func step() {
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = learningRate / Float(1 - pow(Double(beta1), t))
        let secondCorrection = Float((1 - pow(Double(beta2), t)).squareRoot())
        for (index, parameter) in parameters.enumerated() {
            let w = parameter.value.storage
            let g = parameter.gradient.storage
            let m = firstMoments[index].storage
            let v = secondMoments[index].storage
            let decay = parameter.decays ? weightDecay : 0
            let l2 = decoupledWeightDecay ? 0 : decay
            let shrink = decoupledWeightDecay ? 1 - learningRate * decay : 1
            for element in 0..<parameter.value.count {
                w[element] *= shrink
                let gradient = g[element] + l2 * w[element]
                m[element] = beta1 * m[element] + (1 - beta1) * gradient
                v[element] = beta2 * v[element] + (1 - beta2) * gradient * gradient
                w[element] -= stepSize * m[element] / (v[element].squareRoot() / secondCorrection + epsilon)
            }
        }
    }
}
