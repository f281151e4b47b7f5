/// Which code decomposes the covariance: LAPACKE in a build with the OpenBLAS trait, else the
/// Jacobi rotations in Swift. Both are compiled in with the trait, so that tests compare them.
package enum EigenSolver: Sendable, CaseIterable {
    /// `LAPACKE_ssyevd` (single precision, divide and conquer).
    #if OpenBLAS
    case lapacke
    #endif
    /// `JacobiEigen`, in Swift and double precision.
    case jacobi

    /// LAPACKE when the build has it, else Jacobi.
    package static var preferred: EigenSolver {
        #if OpenBLAS
        .lapacke
        #else
        .jacobi
        #endif
    }

    /// The eigenvalues of `matrix` (`[size, size]`, row-major, symmetric) in ascending
    /// order, and the unit eigenvectors, `vectors[i]` that of `values[i]`.
    package func decompose(_ matrix: [Double], size: Int) -> (values: [Double], vectors: [[Double]]) {
        switch self {
        #if OpenBLAS
        case .lapacke:
            // LAPACK fails only on a matrix with NaNs or infinities; Jacobi then says what it can.
            LAPACKEEigen.decompose(matrix, size: size) ?? JacobiEigen.decompose(matrix, size: size)
        #endif
        case .jacobi:
            JacobiEigen.decompose(matrix, size: size)
        }
    }
}
