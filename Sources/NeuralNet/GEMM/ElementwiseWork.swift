/// Work on the elements of a range that any number of threads can share, each taking its own
/// pieces (`GEMMKernel.forEachPiece(of:_:)`), such as an optimizer's update between a step's
/// products. A class, so that handing it to the threads copies a reference and allocates
/// nothing.
public protocol ElementwiseWork: AnyObject {
    /// Does the work for the elements of `piece`, touching no element outside it.
    func perform(_ piece: Range<Int>)

    /// About how many floating-point operations `perform(0..<count)` does, the unit in which
    /// `AdaptiveKernel` weighs this work against its products (`2·m·n·k` each) when it times
    /// its candidates. By default one per element.
    func operations(count: Int) -> Double
}

extension ElementwiseWork {
    public func operations(count: Int) -> Double { Double(count) }
}
