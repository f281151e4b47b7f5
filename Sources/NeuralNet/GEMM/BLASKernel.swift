#if OpenBLAS
internal import COpenBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`.
///
/// OpenBLAS keeps one process-wide thread count; each call sets it to this kernel's when it
/// differs, so kernels with different thread counts can live side by side (as in the
/// benchmark).
public struct BLASKernel: GEMMKernel {
    public var name: String { "blas" }

    /// The number of threads OpenBLAS uses for this kernel's products.
    public let threads: Int

    /// A kernel whose products run on `threads` OpenBLAS threads (at least 1).
    public init(threads: Int) {
        self.threads = max(threads, 1)
        openblas_set_num_threads(Int32(self.threads))
    }

    /// Stops OpenBLAS's worker threads, for a process whose products run elsewhere or on
    /// one thread; cheap when they are stopped already. OpenBLAS starts them as the library
    /// loads (and again when its thread count is set), and each spins (`sched_yield`) for
    /// about 0.1 s before it sleeps, taking a core from the threads doing the work in a short
    /// command such as `mnist evaluate`. A later multi-threaded OpenBLAS product starts them
    /// again.
    public static func stopIdleThreads() { _ = blas_thread_shutdown_() }

    /// OpenBLAS's description of its build: version, target core and threading limit.
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: config).split(separator: " ").joined(separator: " ")
    }

    public func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if openblas_get_num_threads() != threads { openblas_set_num_threads(Int32(threads)) }
        cblas_sgemm(
            CblasRowMajor, transA.cblas, transB.cblas,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }
}

extension Transpose {
    fileprivate var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}
#endif
