/// The GEMM kernels compiled into this build, to pick one at run time.
public enum KernelKind: String, CaseIterable, Sendable {
    #if OpenBLAS
    /// OpenBLAS's `cblas_sgemm` (only with the `OpenBLAS` trait).
    case blas
    #endif
    /// The pure-Swift kernel, always available.
    case swift

    /// `count` single-threaded kernels of this kind, one for each thread that runs batches of
    /// its own (see `Evaluator`).
    public func makePerThread(count: Int) -> [any GEMMKernel] {
        (0..<count).map { _ in make(threads: 1) }
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
            // OpenBLAS's threads, started as the library loads, would spin on a core it needs.
            #if OpenBLAS
            BLASKernel.stopIdleThreads()
            #endif
            return SwiftKernel(threads: threads)
        }
    }
}
