import NeuralNet

/// The eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations, in Swift: each
/// rotation zeroes one off-diagonal pair, and sweeps repeat until none is left. The principal
/// axes' solver when the build has no LAPACKE (`--disable-default-traits`), and the reference
/// LAPACKE is tested against. O(size³) per sweep, and usually under ten sweeps: made for the
/// tens to hundreds of units of a hidden layer.
package enum JacobiEigen {
    /// The eigenvalues of `matrix` (`[size, size]`, row-major, symmetric) in ascending order,
    /// as LAPACKE gives them, and the unit eigenvectors, `vectors[i]` that of `values[i]`.
    package static func decompose(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [[Double]]) {
        require(n > 0 && matrix.count == n * n, "matrix must hold size × size numbers, not \(matrix.count) for \(n)")
        var a = matrix
        // v's columns are the eigenvectors: the product of every rotation so far.
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            for p in 0..<n {
                for q in 0..<n where q != p { offDiagonal += a[p * n + q] * a[p * n + q] }
            }
            if offDiagonal <= 1e-26 * total { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    // The rotation by φ in the (p, q) plane with tan φ = t zeroes a[p, q].
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta < 0 ? -1.0 : 1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    rotateColumns(&a, n, p, q, c, s)
                    for k in 0..<n {  // the rows p and q of Jᵀ · (a · J)
                        let (apk, aqk) = (a[p * n + k], a[q * n + k])
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    rotateColumns(&v, n, p, q, c, s)
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        return (order.map { a[$0 * n + $0] }, order.map { column in (0..<n).map { v[$0 * n + column] } })
    }

    /// Columns p and q of `m` (`[n, n]`) times the rotation [[c, s], [−s, c]].
    private static func rotateColumns(_ m: inout [Double], _ n: Int, _ p: Int, _ q: Int, _ c: Double, _ s: Double) {
        for k in 0..<n {
            let (mkp, mkq) = (m[k * n + p], m[k * n + q])
            m[k * n + p] = c * mkp - s * mkq
            m[k * n + q] = s * mkp + c * mkq
        }
    }
}
