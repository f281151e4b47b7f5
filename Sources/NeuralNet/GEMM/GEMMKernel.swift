/// Whether a GEMM operand is used as stored or transposed.
public enum Transpose: Sendable {
    /// The operand as stored (`CblasNoTrans`).
    case none
    /// The operand's transpose (`CblasTrans`).
    case transposed
}

/// A single-precision general matrix multiply over row-major matrices:
///
///     C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C
///
/// where `op(X)` is `X` or `Xᵀ` as the transpose flag says. `lda`, `ldb` and `ldc` are the
/// row strides of the stored matrices (so `A` is stored `m×k` with `lda ≥ k` when not
/// transposed and `k×m` with `lda ≥ m` when transposed). This is exactly the shape of
/// `cblas_sgemm` with `CblasRowMajor`, so every kernel is a drop-in for every other.
/// When `beta` is zero, `C` is written without being read (it may hold garbage or NaN).
public protocol GEMMKernel: Sendable {
    /// A short name for tables and logs, such as `blas`.
    var name: String { get }

    /// `C = alpha · op(A) · op(B) + beta · C`, with the arguments of row-major `cblas_sgemm`.
    func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int)

    /// Runs `work` over pieces of `0..<count` that together cover it once, on the threads
    /// this kernel splits its products over, and returns when every piece is done.
    func forEachPiece(of count: Int, _ work: some ElementwiseWork)
}

extension GEMMKernel {
    /// The whole range at once on the calling thread: for kernels with no threads of their own.
    public func forEachPiece(of count: Int, _ work: some ElementwiseWork) { work.perform(0..<count) }
}
