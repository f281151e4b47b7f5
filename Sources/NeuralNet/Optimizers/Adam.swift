import Foundation

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

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
    /// The parameters it updates.
    public let parameters: [Parameter]
    /// The step size; a schedule sets it before every step.
    public var learningRate: Float
    /// The decay rate of the running mean of the gradient.
    public let beta1: Float
    /// The decay rate of the running mean of the squared gradient.
    public let beta2: Float
    /// Added to the square root of the second moment, so that the step never divides by zero.
    public let epsilon: Float
    /// The weight decay on weights (never biases), as an L2 term or decoupled.
    public let weightDecay: Float
    /// AdamW's decoupled weight decay instead of Adam's L2 term in the gradient.
    public let decoupledWeightDecay: Bool
    /// Updates applied so far.
    public private(set) var stepCount = 0
    /// The running means of the gradient (`m`) and of its square (`v`), per parameter.
    private let firstMoments: [Matrix]
    private let secondMoments: [Matrix]

    /// Adam (or AdamW, with `decoupledWeightDecay`) over `parameters`, with PyTorch's defaults.
    public init(
        parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        require((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam's betas must lie in [0, 1)")
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
            let update = ElementUpdate(
                shrink: shrink, l2: l2, beta1: beta1, beta2: beta2, stepSize: stepSize,
                secondCorrection: secondCorrection, epsilon: epsilon)
            let count = parameter.value.count
            let whole = count - count % 8
            for start in stride(from: 0, to: whole, by: 8) {
                update.apply(w + start, g + start, m + start, v + start, lanes: 8)
            }
            if whole < count { update.apply(w + whole, g + whole, m + whole, v + whole, lanes: count - whole) }
        }
    }
}

/// Adam's update of up to eight consecutive elements of one parameter, as vector arithmetic:
/// `Float.squareRoot()` on Linux goes through C's `sqrtf`, which may set `errno`, and that
/// keeps the compiler from vectorizing a loop that calls it (the scalar loop took five times
/// as long).
private struct ElementUpdate {
    var shrink, l2, beta1, beta2, stepSize, secondCorrection, epsilon: Float

    /// Updates `lanes` (1 to 8) elements of the weights `w`, gradient `g` and moments `m`, `v`.
    @inline(__always)
    func apply(
        _ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, lanes: Int
    ) {
        var weights = Self.load(w, lanes: lanes) * shrink
        let gradient = Self.load(g, lanes: lanes) + l2 * weights
        let mean = beta1 * Self.load(m, lanes: lanes) + (1 - beta1) * gradient
        let square = beta2 * Self.load(v, lanes: lanes) + (1 - beta2) * gradient * gradient
        let denominator: SIMD8<Float> = square.laneSquareRoot / secondCorrection + epsilon
        weights -= stepSize * mean / denominator
        Self.store(weights, to: w, lanes: lanes)
        Self.store(mean, to: m, lanes: lanes)
        Self.store(square, to: v, lanes: lanes)
    }

    /// The first `lanes` floats at `pointer`, then zeros.
    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Float>, lanes: Int) -> SIMD8<Float> {
        if lanes == 8 { return UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self) }
        var vector = SIMD8<Float>()
        for lane in 0..<lanes { vector[lane] = pointer[lane] }
        return vector
    }

    /// Writes the first `lanes` elements of `vector` at `pointer`.
    @inline(__always)
    private static func store(_ vector: SIMD8<Float>, to pointer: UnsafeMutablePointer<Float>, lanes: Int) {
        if lanes == 8 { return UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: SIMD8<Float>.self) }
        for lane in 0..<lanes { pointer[lane] = vector[lane] }
    }
}

extension SIMD8 where Scalar == Float {
    /// The square root of every lane: SSE instructions on x86-64 (one AVX instruction when
    /// the target CPU has AVX). Correctly rounded, like `Float.squareRoot()`.
    fileprivate var laneSquareRoot: SIMD8<Float> {
        #if arch(x86_64)
        SIMD8(lowHalf: _mm_sqrt_ps(lowHalf), highHalf: _mm_sqrt_ps(highHalf))
        #else
        squareRoot()
        #endif
    }
}
