#if OpenBLAS
internal import COpenBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`, and `cblas_sgemv` for a product of one row.
///
/// With more than one thread, the kernel splits a large product itself: each of its threads
/// computes a block of C's columns (or rows) by a one-thread OpenBLAS call. OpenBLAS's own
/// threads spin in `sched_yield` between calls and can run nothing but its products; these
/// threads also run the elementwise work between products (`forEachPiece`), such as the
/// optimizer's update. OpenBLAS itself is set to one thread, and its own threads are
/// stopped. Like `SwiftKernel`, a kernel with more than one thread, and its copies, must be
/// used from one thread at a time.
public struct BLASKernel: GEMMKernel {
    public var name: String { "blas" }

    /// The most threads one product is split over.
    public let threads: Int

    /// The threads that split products, and the product being split; nil on one thread.
    private let split: Split?

    /// A kernel that splits large products over `threads` threads (at least 1). Worker
    /// threads are started on the first product big enough to need them.
    public init(threads: Int) {
        self.threads = max(threads, 1)
        split = self.threads > 1 ? Split(threads: self.threads) : nil
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
        Self.stopIdleThreads()
    }

    /// Stops OpenBLAS's worker threads; cheap when they are stopped already. OpenBLAS starts
    /// them as the library loads, and each spins (`sched_yield`) for about 0.1 s before it
    /// sleeps, taking a core from the threads doing the work in a short command such as
    /// `mnist evaluate`. Set to one thread, OpenBLAS does not start them again.
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
        // sgemv returns at once on an empty matrix, without scaling C by beta as sgemm does.
        if m == 1, n > 0, k > 0 {
            rowTimesMatrix(transA, transB, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c)
            return
        }
        let product = Product(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
            beta: beta, c: c, ldc: ldc)
        if let split, m * n * k >= Split.threshold {
            split.compute(product)
        } else {
            product.compute(rows: 0..<m, columns: 0..<n)
        }
    }

    public func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
        guard let split else { return work.perform(0..<count) }
        split.forEachPiece(of: count, work)
    }

    /// One `sgemm` call's operands, so that any block of C can be computed on its own.
    struct Product {
        let transA: Transpose, transB: Transpose
        let m: Int, n: Int, k: Int
        let alpha: Float
        let a: UnsafePointer<Float>, lda: Int
        let b: UnsafePointer<Float>, ldb: Int
        let beta: Float
        let c: UnsafeMutablePointer<Float>, ldc: Int

        /// C's block of `rows` and `columns`, by one OpenBLAS call on the calling thread.
        func compute(rows: Range<Int>, columns: Range<Int>) {
            let a = transA == .none ? self.a + rows.lowerBound * lda : self.a + rows.lowerBound
            let b = transB == .none ? self.b + columns.lowerBound : self.b + columns.lowerBound * ldb
            let c = self.c + rows.lowerBound * ldc + columns.lowerBound
            // For beta = 0, OpenBLAS clears C one float at a time (sgemm_beta, 7% of a
            // one-thread training step); clearing it with vector stores and passing beta = 1,
            // which skips that pass, gives the same C bit for bit (0 + x is x).
            if beta == 0 {
                SwiftKernel.OutputMatrix(base: c, rowStride: ldc).scale(rows: rows.count, columns: columns.count, by: 0)
            }
            cblas_sgemm(
                CblasRowMajor, transA.cblas, transB.cblas,
                blasint(rows.count), blasint(columns.count), blasint(k),
                alpha, a, blasint(lda), b, blasint(ldb),
                beta == 0 ? 1 : beta, c, blasint(ldc))
        }
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
