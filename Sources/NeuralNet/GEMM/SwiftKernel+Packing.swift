extension SwiftKernel.Product {
    /// Copies `source[rows, columns]` (at most 16 columns) into `panel` as `rows.count`
    /// contiguous rows of 16 floats, zero-padded on the right: the layout the micro-kernel
    /// streams through, one aligned vector load per step.
    ///
    /// Packing is where the transpose of `op(B)` is absorbed: a row-major `B` is copied
    /// row by row, a transposed one is read down its contiguous columns and turned in
    /// registers, 8×8 floats at a time.
    static func pack(
        _ source: SwiftKernel.StridedMatrix, rows: Range<Int>, columns: Range<Int>,
        into panel: UnsafeMutablePointer<Float>
    ) {
        let width = columns.count
        if width == tileColumns && source.columnStride == 1 {
            var destination = UnsafeMutableRawPointer(panel)
            for row in rows {
                let values = UnsafeRawPointer(source.address(row: row, column: columns.lowerBound))
                    .loadUnaligned(as: TileRow.self)
                destination.storeBytes(of: values, as: TileRow.self)
                destination += MemoryLayout<TileRow>.stride
            }
        } else if width == tileColumns && source.rowStride == 1 {
            var row = 0
            while row + 8 <= rows.count {
                for half in 0..<2 {
                    transpose8x8(
                        from: source.address(row: rows.lowerBound + row, column: columns.lowerBound + 8 * half),
                        stride: source.columnStride, to: panel + (row &* tileColumns + 8 * half))
                }
                row += 8
            }
            copyElements(
                of: source, rows: (rows.lowerBound + row)..<rows.upperBound, columns: columns,
                into: panel + row &* tileColumns)
        } else {
            panel.update(repeating: 0, count: rows.count &* tileColumns)
            copyElements(of: source, rows: rows, columns: columns, into: panel)
        }
    }

    /// The element-by-element copy behind the edges of `pack`, reading along whichever
    /// direction the source is contiguous in.
    private static func copyElements(
        of source: SwiftKernel.StridedMatrix, rows: Range<Int>, columns: Range<Int>,
        into panel: UnsafeMutablePointer<Float>
    ) {
        if source.columnStride == 1 {
            for (index, row) in rows.enumerated() {
                (panel + index &* tileColumns).update(
                    from: source.address(row: row, column: columns.lowerBound), count: columns.count)
            }
        } else {
            for (index, column) in columns.enumerated() {
                let sourceColumn = source.address(row: rows.lowerBound, column: column)
                for row in 0..<rows.count {
                    panel[row &* tileColumns &+ index] = sourceColumn[row &* source.rowStride]
                }
            }
        }
    }

    /// Reads 8 runs of 8 contiguous floats, `stride` apart, and writes them transposed as
    /// 8 rows of the panel: the run starting at `source + c·stride` becomes column `c`.
    @inline(__always)
    private static func transpose8x8(
        from source: UnsafePointer<Float>, stride: Int, to panel: UnsafeMutablePointer<Float>
    ) {
        typealias Run = SIMD8<Float>
        func run(_ index: Int) -> Run { UnsafeRawPointer(source + index &* stride).loadUnaligned(as: Run.self) }
        // Seen as one 64-float vector indexed by the bits (r₂r₁r₀ c₂c₁c₀), a perfect
        // unshuffle (even elements, then odd) rotates the index right by one bit; three of
        // them swap the row and column bits, which is the transpose.
        func unshuffle(_ v: (Run, Run, Run, Run, Run, Run, Run, Run)) -> (Run, Run, Run, Run, Run, Run, Run, Run) {
            let pairs = (
                SIMD16(lowHalf: v.0, highHalf: v.1), SIMD16(lowHalf: v.2, highHalf: v.3),
                SIMD16(lowHalf: v.4, highHalf: v.5), SIMD16(lowHalf: v.6, highHalf: v.7)
            )
            return (
                pairs.0.evenHalf, pairs.1.evenHalf, pairs.2.evenHalf, pairs.3.evenHalf,
                pairs.0.oddHalf, pairs.1.oddHalf, pairs.2.oddHalf, pairs.3.oddHalf
            )
        }
        let rows = unshuffle(unshuffle(unshuffle((run(0), run(1), run(2), run(3), run(4), run(5), run(6), run(7)))))
        let destination = UnsafeMutableRawPointer(panel)
        let rowBytes = tileColumns * MemoryLayout<Float>.stride
        destination.storeBytes(of: rows.0, toByteOffset: 0 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.1, toByteOffset: 1 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.2, toByteOffset: 2 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.3, toByteOffset: 3 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.4, toByteOffset: 4 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.5, toByteOffset: 5 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.6, toByteOffset: 6 * rowBytes, as: Run.self)
        destination.storeBytes(of: rows.7, toByteOffset: 7 * rowBytes, as: Run.self)
    }
}
