import Foundation
import Testing

@testable import NeuralNet

@Suite struct SwiftKernelTests {
    /// Shapes around the 6×16 register tile and the 256-deep slices of `k`, primes,
    /// tall-skinny and short-wide ones, on top of `GEMMCheck.oddShapes`.
    static let shapes: [GEMMCheck.Shape] =
        GEMMCheck.oddShapes + [
            .init(m: 6, n: 16, k: 2), .init(m: 5, n: 15, k: 7), .init(m: 7, n: 17, k: 8), .init(m: 12, n: 32, k: 9),
            .init(m: 11, n: 31, k: 255), .init(m: 13, n: 33, k: 256), .init(m: 6, n: 18, k: 257),
            .init(m: 2, n: 9, k: 601),
            .init(m: 29, n: 31, k: 37), .init(m: 97, n: 53, k: 41), .init(m: 251, n: 3, k: 19),
            .init(m: 2, n: 299, k: 23),
        ]

    /// The products of one training step of a 784-128-64-10 MLP at batch 64, as
    /// (transA, transB, m, n, k): forward, weight gradients, input gradients.
    static let trainingProducts: [(Transpose, Transpose, GEMMCheck.Shape)] = [
        (.none, .transposed, .init(m: 64, n: 128, k: 784)), (.none, .transposed, .init(m: 64, n: 64, k: 128)),
        (.none, .transposed, .init(m: 64, n: 10, k: 64)),
        (.transposed, .none, .init(m: 128, n: 784, k: 64)), (.transposed, .none, .init(m: 64, n: 128, k: 64)),
        (.transposed, .none, .init(m: 10, n: 64, k: 64)),
        (.none, .none, .init(m: 64, n: 128, k: 64)), (.none, .none, .init(m: 64, n: 64, k: 10)),
    ]

    /// The largest error `GEMMCheck.maximumError` may report, relative to `|C| + 1`.
    ///
    /// Each element sums `k` products of numbers in [-1, 1] in `Float`; rounding errors grow
    /// like `√k · ε` times the partial sums, which stay within a few times `|C| + 1`. The
    /// bound `32 · √k · ε` (ε = 2⁻²³) is 3.8e-6 for `k = 1` and 1.1e-4 for `k = 784`, far
    /// below the errors of order 1 that a wrong index or a lost tile gives.
    static func tolerance(k: Int) -> Float {
        32 * Float(max(k, 1)).squareRoot() * Float.ulpOfOne
    }

    /// New kernels with 1, 2 and 3 threads that split even the smallest product, so that
    /// small shapes exercise every edge of the partition. Each test makes its own: a kernel
    /// is used from one thread at a time, and tests run in parallel.
    static func splittingKernels() -> [SwiftKernel] {
        [1, 2, 3].map { SwiftKernel(threads: $0, parallelThreshold: 0) }
    }

    @Test(arguments: shapes)
    func matchesReferenceForEveryLayout(shape: GEMMCheck.Shape) {
        for kernel in Self.splittingKernels() {
            for (transA, transB) in GEMMCheck.transposes {
                for (alpha, beta) in [(Float(1), Float(0)), (-2, 0.25)] {
                    let error = GEMMCheck.maximumError(kernel, transA, transB, shape, alpha: alpha, beta: beta, seed: 7)
                    #expect(
                        error <= Self.tolerance(k: shape.k),
                        "\(shape) \(transA)/\(transB) alpha \(alpha) beta \(beta), \(kernel.threads) threads: error \(error)"
                    )
                }
            }
        }
    }

    /// The real products, split the way training splits them (the thread counts agree bit
    /// for bit, as the next test checks).
    @Test func matchesReferenceOnTrainingProducts() {
        let kernel = SwiftKernel(threads: 2)
        for (transA, transB, shape) in Self.trainingProducts {
            let error = GEMMCheck.maximumError(kernel, transA, transB, shape, seed: 3)
            #expect(error <= Self.tolerance(k: shape.k), "\(shape) \(transA)/\(transB): error \(error)")
        }
    }

    /// The same inputs give the same bits whatever the number of threads, split or not.
    @Test func resultsAreBitIdenticalAcrossThreadCounts() {
        let products: [(Transpose, Transpose, GEMMCheck.Shape)] =
            Self.trainingProducts.prefix(4) + [
                (.transposed, .transposed, .init(m: 97, n: 53, k: 601)), (.none, .none, .init(m: 251, n: 3, k: 19)),
            ]
        let kernels = Self.splittingKernels()
        var generator = RandomGenerator(seed: 11)
        for (transA, transB, shape) in products {
            let (m, n, k) = (shape.m, shape.n, shape.k)
            let a = (0..<(m * k)).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
            let b = (0..<(k * n)).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
            let c = (0..<(m * n)).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
            let results = kernels.map { kernel in
                var result = c
                kernel.sgemm(
                    transA, transB, m: m, n: n, k: k, alpha: 0.75, a: a, lda: transA == .none ? k : m,
                    b: b, ldb: transB == .none ? n : k, beta: -0.5, c: &result, ldc: n)
                return result
            }
            for (kernel, result) in zip(kernels, results) {
                #expect(result == results[0], "\(shape) \(transA)/\(transB): \(kernel.threads) threads differ from 1")
            }
        }
    }

    /// Products right after one another (the workers still watching) and after a pause long
    /// enough for the workers to have gone to sleep both come out right.
    @Test func splitProductsAreRightWhetherWorkersWatchOrSleep() {
        let kernel = SwiftKernel(threads: 3, parallelThreshold: 0)
        let (transA, transB, shape) = Self.trainingProducts[0]
        for pause in [0, 0, 0, 5, 0, 5, 5] {
            if pause > 0 { Thread.sleep(forTimeInterval: Double(pause) * WorkerPool.watchSeconds) }
            let error = GEMMCheck.maximumError(kernel, transA, transB, shape, seed: UInt64(pause + 1))
            #expect(error <= Self.tolerance(k: shape.k), "after a pause of \(pause) watch periods: error \(error)")
        }
    }

    /// With `beta == 0`, `C` is written without being read: NaN in it must not leak out.
    @Test(arguments: [GEMMCheck.Shape(m: 1, n: 1, k: 1), .init(m: 7, n: 21, k: 5), .init(m: 64, n: 10, k: 64)])
    func betaZeroIgnoresNaNInC(shape: GEMMCheck.Shape) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let a = (0..<(m * k)).map { Float($0 % 7) - 3 }
        let b = (0..<(k * n)).map { Float($0 % 5) - 2 }
        for kernel in Self.splittingKernels() {
            var expected = [Float](repeating: 0, count: m * n)
            var actual = [Float](repeating: .nan, count: m * n)
            ReferenceKernel().sgemm(
                .none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &expected, ldc: n)
            kernel.sgemm(
                .none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &actual, ldc: n)
            #expect(actual == expected, "\(shape), \(kernel.threads) threads")
        }
    }

    /// With nothing to multiply (`k == 0` or `alpha == 0`), `C` becomes `beta · C` and
    /// `A` and `B` are not read.
    @Test func emptyProductScalesC() {
        let kernel = SwiftKernel(threads: 2)
        let a: [Float] = [.nan, .nan]
        let b: [Float] = [.nan, .nan]
        var c: [Float] = [1, 2, 3, 4]
        kernel.sgemm(.none, .none, m: 2, n: 2, k: 0, alpha: 1, a: a, lda: 1, b: b, ldb: 2, beta: 0.5, c: &c, ldc: 2)
        #expect(c == [0.5, 1, 1.5, 2])
        kernel.sgemm(.none, .none, m: 2, n: 2, k: 1, alpha: 0, a: a, lda: 1, b: b, ldb: 2, beta: 2, c: &c, ldc: 2)
        #expect(c == [1, 2, 3, 4])
        c = [.nan, .nan, .nan, .nan]
        kernel.sgemm(.none, .none, m: 2, n: 2, k: 0, alpha: 1, a: a, lda: 1, b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [0, 0, 0, 0])
    }

    /// Only the `m×n` block of a padded `C` is written.
    @Test func leavesPaddingOfCUntouched() {
        let kernel = SwiftKernel(threads: 3, parallelThreshold: 0)
        let (m, n, k, ldc) = (13, 35, 9, 40)
        let a = [Float](repeating: 1, count: m * k)
        let b = [Float](repeating: 1, count: k * n)
        var c = [Float](repeating: -7, count: m * ldc)
        kernel.sgemm(.none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0, c: &c, ldc: ldc)
        for row in 0..<m {
            #expect(c[(row * ldc)..<(row * ldc + n)].allSatisfy { $0 == 9 }, "row \(row)")
            #expect(c[(row * ldc + n)..<(row * ldc + ldc)].allSatisfy { $0 == -7 }, "padding of row \(row)")
        }
    }
}
