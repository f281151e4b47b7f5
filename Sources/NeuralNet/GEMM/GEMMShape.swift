/// The shape of one GEMM call: the transpose flags and `m`, `n`, `k` (operands stored
/// contiguously, so the leading dimensions follow from these).
public struct GEMMShape: Hashable, Sendable, CustomStringConvertible {
    /// Whether `A` is used as stored or transposed.
    public var transA: Transpose
    /// Whether `B` is used as stored or transposed.
    public var transB: Transpose
    /// The rows of `op(A)` and `C`.
    public var m: Int
    /// The columns of `op(B)` and `C`.
    public var n: Int
    /// The columns of `op(A)` and rows of `op(B)`: the length of each dot product.
    public var k: Int

    /// The shape of `C[m×n] = op(A)[m×k] · op(B)[k×n]`.
    public init(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int) {
        (self.transA, self.transB, self.m, self.n, self.k) = (transA, transB, m, n, k)
    }

    /// Floating-point operations of one call: a multiply and an add per term.
    public var flops: Int { 2 * m * n * k }

    /// Such as `64×128×784 NT`.
    public var description: String {
        "\(m)×\(n)×\(k) \(transA == .none ? "N" : "T")\(transB == .none ? "N" : "T")"
    }

    /// Row strides of A, B and C stored without padding.
    public var leadingDimensions: (a: Int, b: Int, c: Int) {
        (transA == .none ? k : m, transB == .none ? n : k, n)
    }

    /// Runs `kernel` on this shape with C = op(A)·op(B) (alpha 1, beta 0).
    public func run(
        _ kernel: any GEMMKernel, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    ) {
        let strides = leadingDimensions
        kernel.sgemm(
            transA, transB, m: m, n: n, k: k, alpha: 1, a: a, lda: strides.a, b: b, ldb: strides.b,
            beta: 0, c: c, ldc: strides.c)
    }
}

extension GEMMShape {
    /// The GEMM calls of one training step (forward, backward) of `network` on batches of
    /// `batchSize`, in the order it makes them, found by running the step once with a
    /// recording kernel on zero inputs. Package access: only `mnist bench` and the tests use it.
    package static func trainingStep(of network: MLP, batchSize: Int) -> [GEMMShape] {
        let recorder = RecordingKernel()
        let pass = BatchPass(network: network, kernel: recorder, capacity: batchSize)
        pass.forward(rows: batchSize, dropout: nil)
        pass.backward(rows: batchSize, dropout: nil, gradientCarry: 0)
        return recorder.shapes
    }
}

/// A kernel that computes nothing and remembers the shape of every call made to it.
// Sendable: only `trainingStep(of:batchSize:)` uses one, on the calling thread, and never lets it escape.
private final class RecordingKernel: GEMMKernel, @unchecked Sendable {
    var shapes: [GEMMShape] = []
    var name: String { "recording" }

    func sgemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        shapes.append(GEMMShape(transA, transB, m: m, n: n, k: k))
    }
}
