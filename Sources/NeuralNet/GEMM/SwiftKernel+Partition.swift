extension SwiftKernel {
    /// How one product is cut into parts for the worker threads: strips of whole tile
    /// columns, or of whole tile rows when `C` is too narrow for that.
    ///
    /// There are several parts per thread, handed out as threads become free, so a thread
    /// that wakes late or shares its core does less of the work. Small products are one
    /// part, run on the calling thread.
    struct Partition: Sendable {
        let m: Int, n: Int
        /// The number of parts; 1 means the product runs on the calling thread.
        let parts: Int
        let splitsColumns: Bool

        /// Products below this many multiply-adds (256K, about 6 µs on one Zen 3 core) run
        /// on the calling thread by default. Between a training step's products the workers
        /// are still watching for work (`WorkerPool.watchSeconds`) and start within a
        /// microsecond, so a 64×128×64 product (512K) already runs about 1.8 times as fast on
        /// two threads; the 10-wide products of the last layer gain nothing.
        static let defaultParallelThreshold = 1 << 18
        /// Parts per thread: enough to even out late starts, few enough that each part
        /// still sweeps its panels past many tiles.
        static let partsPerThread = 8
        /// Row tiles per part at least, when splitting rows: every part packs all of
        /// `op(B)`, which must stay cheap next to the part's multiplications.
        static let minimumRowTilesPerPart = 4

        init(_ product: Product, threads: Int, parallelThreshold: Int) {
            (m, n) = (product.m, product.n)
            let rowTiles = (m + Product.tileRows - 1) / Product.tileRows
            let columnTiles = (n + Product.tileColumns - 1) / Product.tileColumns
            splitsColumns = columnTiles >= 2 * threads || columnTiles >= rowTiles / Self.minimumRowTilesPerPart
            let strips = splitsColumns ? columnTiles : rowTiles / Self.minimumRowTilesPerPart
            let isSmall = threads == 1 || product.m * product.n * product.k < parallelThreshold
            parts = isSmall ? 1 : max(1, min(threads * Self.partsPerThread, strips))
        }

        /// The rows and columns of `C` that `part` computes.
        func block(_ part: Int) -> (rows: Range<Int>, columns: Range<Int>) {
            if splitsColumns {
                (0..<m, (0..<n).piece(part, of: parts, unit: Product.tileColumns))
            } else {
                ((0..<m).piece(part, of: parts, unit: Product.tileRows), 0..<n)
            }
        }
    }
}

extension Range<Int> {
    /// The `part`-th of `parts` consecutive pieces of nearly equal length covering the
    /// range, each starting a whole number of `unit`s past `lowerBound`.
    func piece(_ part: Int, of parts: Int, unit: Int) -> Range<Int> {
        let units = (count + unit - 1) / unit
        let lower = lowerBound + part * units / parts * unit
        let upper = Swift.min(lowerBound + (part + 1) * units / parts * unit, upperBound)
        return lower..<upper
    }
}
