#if OpenBLAS
import COpenBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`.
///
/// OpenBLAS keeps one process-wide thread pool, so `threads` applies to every BLAS call
/// made after the kernel is created.
public struct BLASKernel: GEMMKernel {
    public var name: String { "blas" }

    /// Creates the kernel and sets OpenBLAS's thread count.
    public init(threads: Int) {
        openblas_set_num_threads(Int32(max(threads, 1)))
    }

    /// The number of threads OpenBLAS will use.
    public var threads: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's description of its build: version, target core and threading limit.
    public var configuration: String {
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
