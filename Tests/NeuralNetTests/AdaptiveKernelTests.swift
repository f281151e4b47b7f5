import Foundation
import NeuralNet
import Testing

/// A correct kernel that also sleeps for a set time on every call.
struct SleepyKernel: GEMMKernel {
    let microseconds: UInt32
    var name: String { "sleepy \(microseconds) µs" }

    func sgemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        usleep(microseconds)
        ReferenceKernel().sgemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

@Suite struct AdaptiveKernelTests {
    /// Makes `calls` 2×2×2 products and returns which candidate ran each.
    func run(_ kernel: AdaptiveKernel, calls: Int) -> [Int] {
        var c = [Float](repeating: 0, count: 4)
        return (0..<calls).map { _ in
            let chosen = kernel.current
            kernel.sgemm(.none, .none, m: 2, n: 2, k: 2, alpha: 1, a: [1, 2, 3, 4], lda: 2, b: [5, 6, 7, 8], ldb: 2, beta: 0, c: &c, ldc: 2)
            #expect(c == [19, 22, 43, 50])
            return chosen
        }
    }

    @Test func settlesOnTheFasterCandidateWhicheverComesFirst() {
        for (slow, fast) in [(2000, 0), (0, 2000)] {
            let kernel = AdaptiveKernel(
                candidates: [SleepyKernel(microseconds: UInt32(slow)), SleepyKernel(microseconds: UInt32(fast))],
                explorationCalls: 8, exploitationCalls: 40)
            let faster = slow > fast ? 1 : 0
            let chosen = run(kernel, calls: 56)
            #expect(chosen[0] == 0, "measuring starts with the first candidate")
            #expect(chosen.suffix(40).allSatisfy { $0 == faster }, "\(chosen)")
        }
    }

    @Test func dropsAMuchSlowerCandidateAfterAFewCalls() {
        let kernel = AdaptiveKernel(
            candidates: [SleepyKernel(microseconds: 0), SleepyKernel(microseconds: 5000)],
            explorationCalls: 32, exploitationCalls: 100)
        let chosen = run(kernel, calls: 32 + 4 + 100)
        #expect(chosen.filter { $0 == 1 }.count == 4, "the slow candidate gets only the minimum number of calls")
        #expect(chosen.suffix(100).allSatisfy { $0 == 0 })
    }

    @Test func measuresAgainAndBacksOffWhileTheWinnerStays() {
        let kernel = AdaptiveKernel(
            candidates: [SleepyKernel(microseconds: 0), SleepyKernel(microseconds: 3000)],
            explorationCalls: 4, exploitationCalls: 10)
        let chosen = run(kernel, calls: 200)
        // Rounds: explore 4 + 4 (slow one dropped after 4), then 10, 20, 40, 80 winner calls.
        let slowCalls = chosen.indices.filter { chosen[$0] == 1 }
        #expect(slowCalls.first == 4)
        #expect(slowCalls.count >= 3 && slowCalls.count <= 20, "\(slowCalls)")
        let gaps = zip(slowCalls, slowCalls.dropFirst()).map { $1 - $0 }.filter { $0 > 1 }
        #expect(gaps == gaps.sorted(), "rounds grow further apart: \(gaps)")
    }
}

@Suite struct StripedKernelTests {
    @Test(arguments: [GEMMCheck.Shape(m: 64, n: 128, k: 784), GEMMCheck.Shape(m: 128, n: 784, k: 64),
                      GEMMCheck.Shape(m: 300, n: 20, k: 200), GEMMCheck.Shape(m: 37, n: 1000, k: 33)])
    func splitsLikeTheReference(shape: GEMMCheck.Shape) {
        let kernel = StripedKernel(splitting: ReferenceKernel(), threads: 3)
        for (transA, transB) in GEMMCheck.transposes {
            let error = GEMMCheck.maximumError(kernel, transA, transB, shape, alpha: 0.5, beta: 0.25)
            #expect(error < 1e-6, "\(shape) \(transA)/\(transB): \(error)")
        }
    }
}
