/// The obviously-correct triple loop, accumulating in `Double`: the reference every other
/// kernel is tested against. Far too slow to train with.
public struct ReferenceKernel: GEMMKernel {
    public var name: String { "reference" }

    /// The reference kernel; it has no settings.
    public init() {}

    public func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let aip = transA == .none ? a[i * lda + p] : a[p * lda + i]
                    let bpj = transB == .none ? b[p * ldb + j] : b[j * ldb + p]
                    sum += Double(aip) * Double(bpj)
                }
                let scaled = Float(sum) * alpha
                c[i * ldc + j] = beta == 0 ? scaled : scaled + beta * c[i * ldc + j]
            }
        }
    }
}
