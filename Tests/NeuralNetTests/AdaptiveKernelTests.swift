import Testing

@testable import NeuralNet

/// Time that passes only when a `TimedKernel` runs, so the tests do not depend on the machine.
final class VirtualClock: @unchecked Sendable {
    var seconds = 0.0
}

/// A correct kernel (the reference) that advances the virtual clock by `cost` seconds a
/// product, and by `pieceCost` seconds a run of piecewise work.
final class TimedKernel: GEMMKernel, @unchecked Sendable {
    let clock: VirtualClock
    var cost: Double
    var pieceCost: Double
    var name: String { "timed" }

    init(_ clock: VirtualClock, cost: Double, pieceCost: Double = 0) {
        self.clock = clock
        self.cost = cost
        self.pieceCost = pieceCost
    }

    func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
        clock.seconds += pieceCost
        work.perform(0..<count)
    }

    func sgemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        clock.seconds += cost
        ReferenceKernel().sgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

@Suite struct AdaptiveKernelTests {
    let clock = VirtualClock()

    func adaptive(_ costs: [Double], exploration: Int, exploitation: Int) -> (AdaptiveKernel, [TimedKernel]) {
        let virtualClock = clock
        let kernels = costs.map { TimedKernel(virtualClock, cost: $0) }
        let adaptive = AdaptiveKernel(
            candidates: kernels, explorationCalls: exploration, exploitationCalls: exploitation,
            now: { virtualClock.seconds })
        return (adaptive, kernels)
    }

    /// Makes `calls` 2×2×2 products, checks each result, and returns which candidate ran each.
    func run(_ kernel: AdaptiveKernel, calls: Int) -> [Int] {
        var c = [Float](repeating: 0, count: 4)
        return (0..<calls).map { _ in
            let chosen = kernel.current
            kernel.sgemm(
                .none, .none, m: 2, n: 2, k: 2, alpha: 1, a: [1, 2, 3, 4], lda: 2, b: [5, 6, 7, 8], ldb: 2, beta: 0,
                c: &c, ldc: 2)
            #expect(c == [19, 22, 43, 50])
            return chosen
        }
    }

    @Test func settlesOnTheFasterCandidateWhicheverComesFirst() {
        for costs in [[2.0, 1.5], [1.5, 2.0]] {
            let (kernel, _) = adaptive(costs, exploration: 8, exploitation: 40)
            let faster = costs[0] < costs[1] ? 0 : 1
            let chosen = run(kernel, calls: 72)
            // A warm-up round, then the round that counts: 8 calls on each candidate in turn.
            let round = Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8)
            #expect(Array(chosen.prefix(32)) == round + round)
            #expect(chosen.suffix(40).allSatisfy { $0 == faster }, "\(chosen)")
        }
    }

    @Test func dropsAMuchSlowerCandidateAfterAQuarterWindow() {
        let (kernel, _) = adaptive([1, 5], exploration: 32, exploitation: 100)
        #expect(kernel.callsBeforeDropping == 8)
        let chosen = run(kernel, calls: 64 + 32 + 8 + 100)
        // The warm-up round drops no one; the next drops the slow one after a quarter window.
        #expect(chosen.prefix(64).filter { $0 == 1 }.count == 32)
        #expect(chosen.dropFirst(64).filter { $0 == 1 }.count == kernel.callsBeforeDropping)
        #expect(chosen.suffix(100).allSatisfy { $0 == 0 })
    }

    @Test func measuresAgainAndBacksOffWhileTheWinnerStays() {
        let (kernel, _) = adaptive([1, 1.5], exploration: 4, exploitation: 10)
        let chosen = run(kernel, calls: 8 + 4 + 4 + 10 + 8 + 20 + 8 + 40 + 8 + 80 + 8 + 1)
        // A warm-up round; then each round: 4 calls on each candidate, then 10, 20, 40, 80
        // calls on the winner.
        let rounds = chosen.indices.filter { $0 > 0 && chosen[$0] == 0 && chosen[$0 - 1] == 1 }
        #expect(rounds == [8, 16, 34, 62, 110, 198], "\(chosen)")
    }

    @Test func startsANewRoundWhenTheWinnerSlowsDown() {
        let (kernel, kernels) = adaptive([1, 2], exploration: 4, exploitation: 1000)
        #expect(run(kernel, calls: 28).suffix(10).allSatisfy { $0 == 0 })
        kernels[0].cost = 5
        // Checked over windows of 4 × 4 calls: the first, 12 of its calls before the change, still
        // averages half speed; the next is all slow, then a round measures both.
        let after = run(kernel, calls: 20 + 8 + 8)
        #expect(after.suffix(8).allSatisfy { $0 == 1 }, "switched long before the 1,000 calls were up: \(after)")
    }

    /// Piecewise work that counts how many elements it was given, worth `operations` a run.
    final class CountedWork: ElementwiseWork {
        var elements = 0
        let operationsPerRun: Double
        init(operations: Double) { operationsPerRun = operations }
        func perform(_ piece: Range<Int>) { elements += piece.count }
        func operations(count: Int) -> Double { operationsPerRun }
    }

    /// The candidate faster at products loses when its piecewise work costs more than that
    /// gains: each call of either kind counts, weighed by its arithmetic (a 2×2×2 product is
    /// 16 operations, the work here 16 too).
    @Test func timesThePiecewiseWorkWithTheProducts() {
        let (kernel, kernels) = adaptive([1, 2], exploration: 8, exploitation: 40)
        kernels[0].pieceCost = 4
        kernels[1].pieceCost = 1
        let work = CountedWork(operations: 16)
        var chosen: [Int] = []
        for _ in 0..<60 {
            chosen += run(kernel, calls: 1)
            chosen.append(kernel.current)
            kernel.forEachPiece(of: 10, work)
        }
        #expect(work.elements == 600, "every run covers its elements once")
        // Per pair of calls, the first candidate takes 5 s and the second 3 s for the same work.
        #expect(chosen.suffix(40).allSatisfy { $0 == 1 }, "\(chosen)")
        let productsOnly = adaptive([1, 2], exploration: 8, exploitation: 40).0
        #expect(run(productsOnly, calls: 72).suffix(40).allSatisfy { $0 == 0 })
    }

    @Test func ignoresItsFirstRound() {
        // The second candidate is slow only at first, like a multi-threaded kernel starting its
        // threads: measured in the warm-up round alone, it would lose.
        let (kernel, kernels) = adaptive([1, 2], exploration: 4, exploitation: 100)
        #expect(run(kernel, calls: 8) == [0, 0, 0, 0, 1, 1, 1, 1])
        kernels[1].cost = 0.5
        #expect(run(kernel, calls: 8 + 20).suffix(20).allSatisfy { $0 == 1 })
    }
}
