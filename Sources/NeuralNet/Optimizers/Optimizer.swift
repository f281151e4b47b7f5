/// Updates parameters from their gradients; it keeps whatever per-parameter state it needs.
public protocol Optimizer: AnyObject {
    /// The parameters it updates, in the order given at creation.
    var parameters: [Parameter] { get }
    /// The step size of the next update.
    var learningRate: Float { get set }
    /// What the backward pass multiplies each weight matrix's gradient buffer by before it
    /// adds the new gradient (`Dense.backward`'s `gradientCarry`): 0, to overwrite it, unless
    /// the optimizer keeps a running sum there between steps.
    var gradientCarry: Float { get }
    /// Applies one update using each parameter's current gradient.
    func step()
    /// Applies the same update as `step()`, its elementwise work split over the threads
    /// `kernel` splits its products over (`GEMMKernel.forEachPiece`).
    func step(on kernel: any GEMMKernel)
}

extension Optimizer {
    /// 0: the backward pass overwrites the gradients.
    public var gradientCarry: Float { 0 }

    /// `step()` on the calling thread alone: for optimizers whose work is not worth splitting.
    public func step(on kernel: any GEMMKernel) { step() }
}
