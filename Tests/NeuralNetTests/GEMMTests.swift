import NeuralNet
import Testing

/// Random matrices and a comparison against the reference kernel.
enum GEMMCheck {
    struct Shape: CustomStringConvertible, Sendable {
        var m: Int, n: Int, k: Int
        var description: String { "\(m)×\(n)×\(k)" }
    }

    static let oddShapes: [Shape] = [
        Shape(m: 1, n: 1, k: 1), Shape(m: 1, n: 17, k: 3), Shape(m: 13, n: 1, k: 29),
        Shape(m: 7, n: 5, k: 1), Shape(m: 65, n: 33, k: 17), Shape(m: 3, n: 100, k: 257),
        Shape(m: 64, n: 10, k: 64), Shape(m: 10, n: 784, k: 64),
        // One row, as a prediction for one image makes (BLASKernel's sgemv path).
        Shape(m: 1, n: 128, k: 784), Shape(m: 1, n: 10, k: 128),
    ]

    /// The largest `|kernel − reference| / (|reference| + 1)` over every element of C, for
    /// `C = alpha·op(A)·op(B) + beta·C` with row strides padded past the minimum.
    static func maximumError(
        _ kernel: any GEMMKernel, _ transA: Transpose, _ transB: Transpose, _ shape: Shape,
        alpha: Float = 1, beta: Float = 0, seed: UInt64 = 1
    ) -> Float {
        var generator = RandomGenerator(seed: seed)
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let (aRows, aColumns) = transA == .none ? (m, k) : (k, m)
        let (bRows, bColumns) = transB == .none ? (k, n) : (n, k)
        let (lda, ldb, ldc) = (aColumns + 3, bColumns + 1, n + 2)
        func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float(generator.nextUnitDouble() * 2 - 1) } }
        let a = random(aRows * lda)
        let b = random(bRows * ldb)
        let c = random(m * ldc)
        var expected = c
        var actual = c
        ReferenceKernel().sgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
            beta: beta, c: &expected, ldc: ldc)
        kernel.sgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
            beta: beta, c: &actual, ldc: ldc)
        var worst: Float = 0
        for index in 0..<c.count {
            worst = max(worst, abs(actual[index] - expected[index]) / (abs(expected[index]) + 1))
        }
        return worst
    }

    static let transposes: [(Transpose, Transpose)] = [
        (.none, .none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed),
    ]
}

#if OpenBLAS
@Suite struct BLASKernelTests {
    @Test(arguments: GEMMCheck.oddShapes)
    func matchesReferenceForAllTransposes(shape: GEMMCheck.Shape) {
        let kernel = BLASKernel(threads: 2)
        for (transA, transB) in GEMMCheck.transposes {
            for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (-2, 0.25)] {
                let error = GEMMCheck.maximumError(kernel, transA, transB, shape, alpha: alpha, beta: beta)
                #expect(error < 1e-5, "\(shape) \(transA)/\(transB) alpha \(alpha) beta \(beta): error \(error)")
            }
        }
    }

    /// Products big enough to be split: into blocks of columns (m ≤ n) and of rows (m > n),
    /// over two and three threads, with piece edges that fall inside OpenBLAS's tiles.
    @Test(arguments: [2, 3])
    func splitProductsMatchTheReference(threads: Int) {
        let kernel = BLASKernel(threads: threads)
        for shape in [GEMMCheck.Shape(m: 70, n: 150, k: 40), GEMMCheck.Shape(m: 150, n: 70, k: 40)] {
            #expect(shape.m * shape.n * shape.k >= 1 << 18)
            for (transA, transB) in GEMMCheck.transposes {
                for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (-2, 0.25)] {
                    let error = GEMMCheck.maximumError(kernel, transA, transB, shape, alpha: alpha, beta: beta)
                    #expect(error < 1e-5, "\(shape) \(transA)/\(transB) alpha \(alpha) beta \(beta): error \(error)")
                }
            }
        }
    }

    @Test func splitProductWithBetaZeroIgnoresGarbageInC() {
        let (m, n, k) = (70, 150, 40)
        let a = (0..<m * k).map { Float($0 % 7) - 3 }
        let b = (0..<k * n).map { Float($0 % 5) - 2 }
        var expected = [Float](repeating: 0, count: m * n)
        var actual = [Float](repeating: .nan, count: m * n)
        ReferenceKernel().sgemm(
            .none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &expected, ldc: n)
        BLASKernel(threads: 2).sgemm(
            .none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &actual, ldc: n)
        #expect(actual == expected)  // small integers: every sum is exact
    }

    @Test func betaZeroIgnoresGarbageInC() {
        var c = [Float](repeating: .nan, count: 4)
        BLASKernel(threads: 1).sgemm(
            .none, .none, m: 2, n: 2, k: 1, alpha: 1, a: [1, 2], lda: 1, b: [3, 4], ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [3, 4, 6, 8])
    }

    @Test func oneRowBetaZeroIgnoresGarbageInC() {
        var c = [Float](repeating: .nan, count: 2)
        BLASKernel(threads: 1).sgemm(
            .none, .transposed, m: 1, n: 2, k: 2, alpha: 1, a: [1, 2], lda: 2, b: [3, 4, 5, 6], ldb: 2, beta: 0, c: &c,
            ldc: 2)
        #expect(c == [11, 17])
    }

    @Test func betaZeroIgnoresGarbageInCAndLeavesItsPaddingAlone() {
        // C is 2×2 in rows of 3: NaN where the product goes, 99 in the padding column.
        var c: [Float] = [.nan, .nan, 99, .nan, .nan, 99]
        BLASKernel(threads: 1).sgemm(
            .none, .none, m: 2, n: 2, k: 3, alpha: 1, a: [1, 2, 3, 4, 5, 6], lda: 3,
            b: [7, 8, 9, 10, 11, 12], ldb: 2, beta: 0, c: &c, ldc: 3)
        #expect(c == [58, 64, 99, 139, 154, 99])
    }

    @Test func oneRowWithNoInnerDimensionScalesC() {
        var c: [Float] = [2, 4]
        BLASKernel(threads: 1).sgemm(
            .none, .none, m: 1, n: 2, k: 0, alpha: 1, a: [0], lda: 1, b: [0], ldb: 2, beta: 0.5, c: &c, ldc: 2)
        #expect(c == [1, 2])
    }
}
#endif

@Suite struct ReferenceKernelTests {
    @Test func computesAHandWorkedProduct() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        var c: [Float] = [1, 1, 1, 1]
        ReferenceKernel().sgemm(
            .none, .none, m: 2, n: 2, k: 3, alpha: 1, a: [1, 2, 3, 4, 5, 6], lda: 3,
            b: [7, 8, 9, 10, 11, 12], ldb: 2, beta: 2, c: &c, ldc: 2)
        #expect(c == [60, 66, 141, 156])
    }

    @Test func transposeFlagsReadTheTransposedLayout() {
        // Aᵀ stored 3×2 is [1 4; 2 5; 3 6]; Bᵀ stored 2×3 is [7 9 11; 8 10 12].
        var c: [Float] = [0, 0, 0, 0]
        ReferenceKernel().sgemm(
            .transposed, .transposed, m: 2, n: 2, k: 3, alpha: 1, a: [1, 4, 2, 5, 3, 6], lda: 2,
            b: [7, 9, 11, 8, 10, 12], ldb: 3, beta: 0, c: &c, ldc: 2)
        #expect(c == [58, 64, 139, 154])
    }
}
