/// Picks, while it runs, whichever of several kernels is fastest on this machine right now,
/// typically the same kernel on one thread and on all cores.
///
/// A second thread only pays when a second core is really free. When another program keeps one
/// busy, a multi-threaded product waits for its slowest thread and can take longer than on
/// one thread. So this kernel
/// keeps measuring: it runs `explorationCalls` calls on each candidate in turn, timing them,
/// then makes the next `exploitationCalls` calls with the one that did the most work per
/// second, and starts over. The first round only warms up: its measurements are thrown away,
/// since the first products on several threads pay for starting them. A candidate already
/// running at less than half the speed of one measured before it is dropped from the round
/// after a quarter of its window, because under contention a full window of a much slower
/// candidate would cost more than the adaptation saves. While the same candidate keeps
/// winning, the rounds grow further apart (up to `maximumBackoff` times `exploitationCalls`):
/// each look at a multi-threaded candidate leaves its threads watching for work for a while
/// afterwards, which costs the one busy core time. And should the winner's speed fall
/// below half of what it measured, a new round starts at once. The cost is the exploration
/// windows, a small fraction of the calls, plus one clock reading per call.
///
/// Results are those of whichever candidate ran a call, so they are reproducible only if the
/// candidates agree bit for bit (the Swift kernel does across thread counts). Like the
/// kernels it wraps, use it from one thread at a time.
// Sendable by contract: one thread at a time calls it, as with the kernels it wraps; its measurements have no lock.
public final class AdaptiveKernel: GEMMKernel, @unchecked Sendable {
    /// The kernels it chooses among, such as one kernel on one thread and on all cores.
    public let candidates: [any GEMMKernel]
    /// The index of the candidate running calls now.
    public private(set) var current = 0
    /// Calls (products and piecewise work) each candidate gets per measurement window. A
    /// training step of the default model with SGD makes 15: 8 products (6 on the sparse first
    /// layer's path, and its two piecewise products), the batch's fill and 6 updates. So the
    /// default, which `KernelKind` uses for both kernels, is 8 steps.
    public let explorationCalls: Int
    /// Calls made with the winner before measuring again (by default 1,024 steps' worth).
    public let exploitationCalls: Int

    private var callsLeft: Int
    private var isExploring = true
    /// Whether the first round, which only warms up, is still running: it drops no candidate,
    /// and its measurements are thrown away.
    private var isWarmingUp = true
    private var previousWinner: Int?
    private var backoff = 1
    /// The winner's measured speed, and its speed over the current window of calls since:
    /// if it falls below half, conditions have changed and a new round starts at once.
    private var winnerRate = 0.0
    private var windowSeconds = 0.0
    private var windowFlops = 0.0
    private var windowCalls = 0
    /// Time and work of each candidate's calls in this round: all of them (to drop a slow
    /// one early), and those after its first quarter-window (to choose the winner: the first
    /// calls after a switch pay for waking threads that slept meanwhile).
    private var seconds: [Double]
    private var flops: [Double]
    private var settledSeconds: [Double]
    private var settledFlops: [Double]

    /// Calls a candidate gets before it can be dropped from a round for being slow: a quarter
    /// of its window. Calls differ (a batch's distortion, a small product, the first layer's
    /// sparse products), and by then they are a mix of a step's kinds like the whole window
    /// that the candidates before it were measured on; their first few calls alone are not.
    var callsBeforeDropping: Int { max(1, explorationCalls / 4) }
    /// The winner's speed is checked over this many exploration windows' worth of calls, so
    /// that a moment off the processor (a scheduler's time slice is a few milliseconds, longer
    /// than a window of the default model's products) does not pass for a lasting slowdown.
    static let windowsPerSlowdownCheck = 4
    /// How far apart rounds can grow while the winner stays the same.
    static let maximumBackoff = 8

    /// Reads the time in seconds; a parameter so that tests can run on a virtual clock.
    private let now: () -> Double

    /// A kernel that chooses among `candidates` on the wall clock, measuring each for `explorationCalls` calls and then keeping the fastest for `exploitationCalls`.
    public convenience init(candidates: [any GEMMKernel], explorationCalls: Int = 120, exploitationCalls: Int = 15360) {
        let origin = ContinuousClock.now
        self.init(
            candidates: candidates, explorationCalls: explorationCalls, exploitationCalls: exploitationCalls,
            now: { (ContinuousClock.now - origin).seconds })
    }

    init(candidates: [any GEMMKernel], explorationCalls: Int, exploitationCalls: Int, now: @escaping () -> Double) {
        self.now = now
        require(!candidates.isEmpty, "an adaptive kernel needs at least one candidate")
        self.candidates = candidates
        self.explorationCalls = explorationCalls
        self.exploitationCalls = exploitationCalls
        callsLeft = explorationCalls
        seconds = Array(repeating: 0, count: candidates.count)
        flops = Array(repeating: 0, count: candidates.count)
        settledSeconds = seconds
        settledFlops = flops
    }

    public var name: String { candidates[current].name }

    /// Splits the work as the candidate now in use splits its products, and times it with
    /// them: a candidate's threads run both, so both count in its measurement, the work as
    /// `work.operations(count:)`. On the sparse first layer's path, say, most of a step's
    /// arithmetic is such work, and the products left are too small to tell how much a
    /// second thread pays.
    public func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
        let start = now()
        candidates[current].forEachPiece(of: count, work)
        record(seconds: now() - start, work: work.operations(count: count))
    }

    public func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let start = now()
        candidates[current].sgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        record(seconds: now() - start, work: Double(2 * m * n * k))
    }

    /// Counts a call that took `elapsed` seconds for `work` operations towards the current
    /// candidate's measurement or the winner's slowdown check, and moves on when the window ends.
    private func record(seconds elapsed: Double, work: Double) {
        callsLeft -= 1
        if isExploring {
            seconds[current] += elapsed
            flops[current] += work
            if explorationCalls - callsLeft > explorationCalls / 4 {
                settledSeconds[current] += elapsed
                settledFlops[current] += work
            }
            var best = 0.0
            for earlier in 0..<current { best = max(best, rate(earlier)) }
            if !isWarmingUp && explorationCalls - callsLeft >= callsBeforeDropping
                && rate(current) < best / 2
            {
                callsLeft = 0
            }
        } else {
            windowSeconds += elapsed
            windowFlops += work
            windowCalls += 1
            if windowCalls == explorationCalls * Self.windowsPerSlowdownCheck {
                if windowFlops < windowSeconds * winnerRate / 2 {
                    callsLeft = 0
                    previousWinner = nil
                }
                (windowSeconds, windowFlops, windowCalls) = (0, 0, 0)
            }
        }
        if callsLeft == 0 { advance() }
    }

    /// Moves to the next candidate to measure, or to the winner once all are measured, or
    /// back to measuring once the winner has had its turn.
    private func advance() {
        if isExploring && current + 1 < candidates.count {
            current += 1
            callsLeft = explorationCalls
        } else if isWarmingUp {
            isWarmingUp = false
            startRound()
        } else if isExploring {
            current = candidates.indices.max { settledRate($0) < settledRate($1) }!
            backoff = current == previousWinner ? min(backoff * 2, Self.maximumBackoff) : 1
            previousWinner = current
            winnerRate = settledRate(current)
            (windowSeconds, windowFlops, windowCalls) = (0, 0, 0)
            isExploring = false
            callsLeft = exploitationCalls * backoff
        } else {
            startRound()
        }
    }

    /// Forgets the last round's measurements and starts measuring the first candidate.
    private func startRound() {
        for index in candidates.indices {
            (seconds[index], flops[index], settledSeconds[index], settledFlops[index]) = (0, 0, 0, 0)
        }
        current = 0
        isExploring = true
        callsLeft = explorationCalls
    }

    private func rate(_ index: Int) -> Double { seconds[index] > 0 ? flops[index] / seconds[index] : 0 }

    /// The speed after warm-up; a candidate dropped before warming up counts as its overall speed.
    private func settledRate(_ index: Int) -> Double {
        settledSeconds[index] > 0 ? settledFlops[index] / settledSeconds[index] : rate(index)
    }
}
