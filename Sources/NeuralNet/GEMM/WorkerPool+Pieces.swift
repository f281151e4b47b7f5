extension WorkerPool {
    /// The fewest elements worth splitting over threads (128 KB of floats per array): below
    /// this, `forEachPiece` runs on the calling thread.
    static let minimumElementsToSplit = 1 << 15

    /// Runs `body` over pieces of `0..<count` that together cover it once, split over the
    /// pool's threads when `count` is large enough, and returns when every piece is done.
    /// Pieces start on 16-element (64-byte) boundaries, so no two share a cache line of a
    /// 64-byte-aligned array. Allocates nothing.
    func forEachPiece(of count: Int, _ body: (Range<Int>) -> Void) {
        guard threads > 1, count >= Self.minimumElementsToSplit else { return body(0..<count) }
        withoutActuallyEscaping(body) { body in
            pieces.start(count: count, parts: threads * Self.piecesPerThread, body: body)
            run(parts: pieces.parts, of: pieces)
            pieces.finish()
        }
    }

    /// Pieces per thread: a thread that starts late, or shares its core, takes fewer.
    private static let piecesPerThread = 4
}

/// The parts of a `WorkerPool.forEachPiece` job: `body` over one piece of `0..<count` each.
// Sendable: `start` and `finish` run on the pool's caller outside `run`; parts only read.
final class RangePieces: ParallelWork, @unchecked Sendable {
    private var count = 0
    private(set) var parts = 1
    private var body: ((Range<Int>) -> Void)?

    func start(count: Int, parts: Int, body: @escaping (Range<Int>) -> Void) {
        (self.count, self.parts, self.body) = (count, parts, body)
    }

    /// Lets go of `body`, which must not outlive the call that lent it.
    func finish() { body = nil }

    func perform(part: Int, worker: Int) {
        body?((0..<count).piece(part, of: parts, unit: 16))
    }
}
