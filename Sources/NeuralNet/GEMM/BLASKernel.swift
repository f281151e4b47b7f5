#if OpenBLAS
internal import COpenBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`, and `cblas_sgemv` for a product of one row.
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
        // sgemv returns at once on an empty matrix, without scaling C by beta as sgemm does.
        if m == 1, n > 0, k > 0 {
            rowTimesMatrix(transA, transB, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c)
            return
        }
        // For beta = 0, OpenBLAS clears C one float at a time (sgemm_beta, 7% of a one-thread
        // training step); clearing it with vector stores and passing beta = 1, which skips that
        // pass, gives the same C bit for bit (0 + x is x).
        if beta == 0 { SwiftKernel.OutputMatrix(base: c, rowStride: ldc).scale(rows: m, columns: n, by: 0) }
        cblas_sgemm(
            CblasRowMajor, transA.cblas, transB.cblas,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta == 0 ? 1 : beta, c, blasint(ldc))
    }

    /// The one-row product (a prediction for one image) as `cblas_sgemv`: `sgemm` would copy
    /// all of B into its packed layout on every call, which costs more than the product.
    /// `c[n] = alpha·op(B)ᵀ·a + beta·c`, with op(A)'s one row read at a stride of 1, or of
    /// `lda` when A is stored transposed (k rows of one).
    private func rowTimesMatrix(
        _ transA: Transpose, _ transB: Transpose, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutablePointer<Float>
    ) {
        // beta = 0 means C is not read (it may hold garbage); sgemv's own scaling by 0 would
        // keep a NaN in some OpenBLAS versions.
        if beta == 0 { c.update(repeating: 0, count: n) }
        // B is k × n (read as its transpose) or n × k (read as it is).
        let (rows, columns, bTrans) = transB == .none ? (k, n, CblasTrans) : (n, k, CblasNoTrans)
        cblas_sgemv(
            CblasRowMajor, bTrans, blasint(rows), blasint(columns),
            alpha, b, blasint(ldb), a, blasint(transA == .none ? 1 : lda),
            beta, c, 1)
    }
}

extension Transpose {
    fileprivate var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}
#endif
