import Synchronization

/// Admits one thread at a time to a kernel's buffers and worker threads, and stops the
/// program if a second comes in: two jobs at once would corrupt each other, and failing
/// loudly beats a silently wrong result.
final class SingleCaller: Sendable {
    private let isBusy = Atomic(false)
    /// The kernel's name in the message, such as `SwiftKernel`.
    private let kernel: String

    init(kernel: String) { self.kernel = kernel }

    /// Runs `body`, which no other thread may run inside the same kernel at the same time.
    @inline(__always)
    func run<Result>(_ body: () -> Result) -> Result {
        let (entered, _) = isBusy.compareExchange(expected: false, desired: true, ordering: .acquiring)
        require(entered, "a \(kernel) was used from two threads at once; give each thread its own kernel")
        defer { isBusy.store(false, ordering: .releasing) }
        return body()
    }
}
