extension WorkerPool {
    /// The fewest elements worth splitting over threads (128 KB of floats per array): below
    /// this, `forEachPiece` runs on the calling thread.
    static let minimumElementsToSplit = 1 << 15

    /// Runs `work` over pieces of `0..<count` that together cover it once, split over the
    /// pool's threads when `count` is large enough, and returns when every piece is done.
    /// Pieces start on 16-element (64-byte) boundaries, so no two share a cache line of a
    /// 64-byte-aligned array. Allocates nothing.
    func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
        guard threads > 1, count >= Self.minimumElementsToSplit else { return work.perform(0..<count) }
        pieces.start(count: count, parts: threads * Self.piecesPerThread, work: work)
        run(parts: pieces.parts, of: pieces)
        pieces.finish()
    }

    /// Pieces per thread: a thread that starts late, or shares its core, takes fewer.
    private static let piecesPerThread = 4
}

/// The parts of a `WorkerPool.forEachPiece` job: `work` over one piece of `0..<count` each.
// Sendable: `start` and `finish` run on the pool's caller outside `run`; parts only read.
final class RangePieces: ParallelWork, @unchecked Sendable {
    private var count = 0
    private(set) var parts = 1
    private var work: (any ElementwiseWork)?

    func start(count: Int, parts: Int, work: any ElementwiseWork) {
        (self.count, self.parts, self.work) = (count, parts, work)
    }

    /// Lets go of the work once the job is done.
    func finish() { work = nil }

    func perform(part: Int, worker: Int) {
        work?.perform((0..<count).piece(part, of: parts, unit: 16))
    }
}
