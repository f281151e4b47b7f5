extension SwiftKernel {
    /// One call's operands, `C = alpha · op(A) · op(B) + beta · C` with `op(A)` `m×k` and
    /// `op(B)` `k×n`, and the cache-blocked loops that compute any block of `C` from them.
    struct Product {
        let a: StridedMatrix
        let b: StridedMatrix
        let c: OutputMatrix
        let m: Int, n: Int, k: Int
        let alpha: Float, beta: Float

        /// The deepest slice of `k` computed in one pass: a packed `256×16` panel of `op(B)`
        /// is 16 KiB, half of Zen 3's 32 KiB L1 data cache, leaving room for the rows of
        /// `op(A)` streaming past it.
        static let maximumDepth = 256
        /// The most rows of `op(A)` swept past one panel: `256×256` floats is 256 KiB, half
        /// of a Zen 3 core's L2, so the block is still there when the next panel needs it.
        static let maximumRows = 256
        /// Floats in one thread's packing buffer.
        static let panelCapacity = maximumDepth * tileColumns

        /// Computes the block `rows × columns` of `C`, packing `op(B)` into `panel`.
        ///
        /// The loop nest is GotoBLAS's: slices of `k` outermost (so `C` is revisited once
        /// per slice, with `beta` applied on the first), then blocks of rows of `op(A)` sized
        /// for L2 (read in place, not packed), then one packed panel of `op(B)` per strip of
        /// 16 columns, sized for L1, swept by every row tile of the block. The slices of `k`
        /// depend on `k` alone, so every element of `C` is summed in the same order whatever
        /// the partition.
        func compute(rows: Range<Int>, columns: Range<Int>, panel: UnsafeMutablePointer<Float>) {
            let slices = (k + Self.maximumDepth - 1) / Self.maximumDepth
            for slice in 0..<slices {
                let depth = (slice * k / slices)..<((slice + 1) * k / slices)
                let sliceBeta = slice == 0 ? beta : 1
                let rowBlocks = (rows.count + Self.maximumRows - 1) / Self.maximumRows
                for rowBlock in 0..<rowBlocks {
                    let blockRows = rows.piece(rowBlock, of: rowBlocks, unit: Self.tileRows)
                    for left in stride(from: columns.lowerBound, to: columns.upperBound, by: Self.tileColumns) {
                        let width = min(Self.tileColumns, columns.upperBound - left)
                        Self.pack(b, rows: depth, columns: left..<(left + width), into: panel)
                        for row in stride(from: blockRows.lowerBound, to: blockRows.upperBound, by: Self.tileRows) {
                            Self.multiplyTile(
                                depth: depth.count,
                                a: StridedMatrix(
                                    base: a.address(row: row, column: depth.lowerBound),
                                    rowStride: a.rowStride, columnStride: a.columnStride),
                                rows: min(Self.tileRows, blockRows.upperBound - row), panel: panel,
                                c: c.address(row: row, column: left), ldc: c.rowStride, columns: width,
                                alpha: alpha, beta: sliceBeta)
                        }
                    }
                }
            }
        }
    }
}
