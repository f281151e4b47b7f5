import NeuralNet
import Testing

@Suite struct KernelAgreementTests {
    @Test func recordsTheTrainingStepShapesOfTheDefaultModel() {
        let shapes = GEMMShape.trainingStep(of: MLP(sizes: [784, 128, 64, 10]), batchSize: 64)
        #expect(
            shapes == [
                GEMMShape(.none, .transposed, m: 64, n: 128, k: 784),
                GEMMShape(.none, .transposed, m: 64, n: 64, k: 128),
                GEMMShape(.none, .transposed, m: 64, n: 10, k: 64),
                GEMMShape(.transposed, .none, m: 10, n: 64, k: 64),
                GEMMShape(.none, .none, m: 64, n: 64, k: 10),
                GEMMShape(.transposed, .none, m: 64, n: 128, k: 64),
                GEMMShape(.none, .none, m: 64, n: 128, k: 64),
                GEMMShape(.transposed, .none, m: 128, n: 784, k: 64),  // no input gradient for layer 1
            ])
    }

    @Test(arguments: KernelKind.allCases)
    func everyKernelAgreesOnEveryTrainingShape(kind: KernelKind) {
        let kernel = kind.make(threads: 2)
        for shape in GEMMShape.trainingStep(of: MLP(sizes: [784, 128, 64, 10]), batchSize: 32) {
            let error = KernelAgreement.maximumRelativeError(of: kernel, on: shape)
            #expect(error <= KernelAgreement.tolerance, "\(kind) \(shape): \(error)")
        }
    }

    @Test func aWrongKernelIsCaught() {
        /// Leaves C out by one in a corner: the check must notice.
        struct OffByOne: GEMMKernel {
            var name: String { "off-by-one" }
            func sgemm(
                _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float,
                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
            ) {
                ReferenceKernel().sgemm(
                    transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                    beta: beta, c: c, ldc: ldc)
                c[(m - 1) * ldc + n - 1] += 1
            }
        }
        let error = KernelAgreement.maximumRelativeError(of: OffByOne(), on: GEMMShape(.none, .none, m: 5, n: 7, k: 9))
        #expect(error > KernelAgreement.tolerance)
    }
}
