#if OpenBLAS
import CLAPACKE

/// The eigen-decomposition of a symmetric matrix by LAPACKE's divide and conquer,
/// `LAPACKE_ssyevd`, in single precision. Only this file sees the C module.
enum LAPACKEEigen {
    /// The eigenvalues of `matrix` (`[size, size]`, row-major, symmetric) in ascending order,
    /// and the unit eigenvectors, `vectors[i]` that of `values[i]`; nil if LAPACK fails.
    static func decompose(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [[Double]])? {
        var a = matrix.map { Float($0) }
        var w = [Float](repeating: 0, count: n)
        // Row-major, eigenvectors too ('V'), from the upper triangle ('U'); on return a's
        // columns are the eigenvectors.
        let info = LAPACKE_ssyevd(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), Int32(n), &a, Int32(n), &w)
        guard info == 0 else { return nil }
        return (w.map(Double.init), (0..<n).map { column in (0..<n).map { Double(a[$0 * n + column]) } })
    }
}
#endif
