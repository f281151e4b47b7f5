/// The GEMM kernels compiled into this build, to pick one at run time.
public enum KernelKind: String, CaseIterable, Sendable {
    #if OpenBLAS
    /// OpenBLAS's `cblas_sgemm` (only with the `OpenBLAS` trait).
    case blas
    #endif
    /// The pure-Swift kernel, always available.
    case swift

    /// `count` single-threaded kernels of this kind, one for each thread that runs batches of
    /// its own (see `Evaluator`). OpenBLAS's worker threads, which none of them uses, are
    /// stopped.
    public func makePerThread(count: Int) -> [any GEMMKernel] {
        let kernels = (0..<count).map { _ in make(threads: 1) }
        Self.stopIdleBLASThreads()
        return kernels
    }

    /// OpenBLAS when it is compiled in, else the Swift kernel.
    public static var preferred: KernelKind {
        #if OpenBLAS
        .blas
        #else
        .swift
        #endif
    }

    /// A kernel of this kind splitting products over `threads` threads.
    public func make(threads: Int) -> any GEMMKernel {
        switch self {
        #if OpenBLAS
        case .blas: return BLASKernel(threads: threads)
        #endif
        case .swift:
            Self.stopIdleBLASThreads()
            return SwiftKernel(threads: threads)
        }
    }

    /// Stops OpenBLAS's idle worker threads (`BLASKernel.stopIdleThreads()`) when OpenBLAS
    /// is compiled in, so that their spinning takes no core from the work that follows.
    public static func stopIdleBLASThreads() {
        #if OpenBLAS
        BLASKernel.stopIdleThreads()
        #endif
    }
}
