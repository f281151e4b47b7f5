extension SwiftKernel.Product {
    /// One row of the register tile: 16 floats, two AVX registers.
    typealias TileRow = SIMD16<Float>

    /// Rows of `C` per register tile.
    static let tileRows = 6
    /// Columns of `C` per register tile.
    static let tileColumns = TileRow.scalarCount

    /// The micro-kernel: `C[6×16] = alpha · op(A)[6×depth] · panel[depth×16] + beta · C` for
    /// one register tile, of which only the top-left `rows × columns` are stored.
    ///
    /// The 6×16 tile (the shape BLIS uses on Haswell) keeps 12 accumulator registers busy,
    /// enough independent fused multiply-adds to hide their latency on two FMA pipes, and
    /// leaves 4 of the 16 AVX registers for the panel row and the broadcast. Each step
    /// broadcasts one element from each of the six rows of `op(A)`, read in place through
    /// its strides, and multiplies it with one row of the packed panel of `op(B)`.
    ///
    /// Rows past `rows` repeat the last valid row of `A` and are computed but not stored, so
    /// edge tiles run the same code. Every element of `C` gets the same sequence of
    /// operations wherever its tile lies, which keeps results independent of the partition.
    @inline(__always)
    static func multiplyTile(
        depth: Int, a: SwiftKernel.StridedMatrix, rows: Int, panel: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int, alpha: Float, beta: Float
    ) {
        func row(_ index: Int) -> UnsafePointer<Float> { a.address(row: min(index, rows - 1), column: 0) }
        let (a0, a1, a2, a3, a4, a5) = (row(0), row(1), row(2), row(3), row(4), row(5))
        let step = a.columnStride
        var (c0, c1, c2, c3, c4, c5) = (TileRow(), TileRow(), TileRow(), TileRow(), TileRow(), TileRow())
        var b = UnsafeRawPointer(panel)
        var offset = 0
        for _ in 0..<depth {
            let bRow = b.load(as: TileRow.self)
            c0.addProduct(TileRow(repeating: a0[offset]), bRow)
            c1.addProduct(TileRow(repeating: a1[offset]), bRow)
            c2.addProduct(TileRow(repeating: a2[offset]), bRow)
            c3.addProduct(TileRow(repeating: a3[offset]), bRow)
            c4.addProduct(TileRow(repeating: a4[offset]), bRow)
            c5.addProduct(TileRow(repeating: a5[offset]), bRow)
            offset &+= step
            b += MemoryLayout<TileRow>.stride
        }
        store(c0, to: c, columns: columns, alpha: alpha, beta: beta)
        if rows > 1 { store(c1, to: c + ldc, columns: columns, alpha: alpha, beta: beta) }
        if rows > 2 { store(c2, to: c + 2 &* ldc, columns: columns, alpha: alpha, beta: beta) }
        if rows > 3 { store(c3, to: c + 3 &* ldc, columns: columns, alpha: alpha, beta: beta) }
        if rows > 4 { store(c4, to: c + 4 &* ldc, columns: columns, alpha: alpha, beta: beta) }
        if rows > 5 { store(c5, to: c + 5 &* ldc, columns: columns, alpha: alpha, beta: beta) }
    }

    /// `c[0..<columns] = alpha · sum + beta · c`, without reading `c` when `beta` is zero.
    ///
    /// A partial row is written in pieces of 8, 4, 2 and 1 floats as the bits of `columns`
    /// say, each piece a fixed half of what is left, so every lane is picked without going
    /// through memory.
    @inline(__always)
    private static func store(
        _ sum: TileRow, to c: UnsafeMutablePointer<Float>, columns: Int, alpha: Float, beta: Float
    ) {
        let scaled = sum * alpha
        if columns == tileColumns {
            update(c, with: scaled, beta: beta)
            return
        }
        var position = 0
        let eight = columns & 8 != 0 ? scaled.highHalf : scaled.lowHalf
        if columns & 8 != 0 {
            update(c, with: scaled.lowHalf, beta: beta)
            position = 8
        }
        let four = columns & 4 != 0 ? eight.highHalf : eight.lowHalf
        if columns & 4 != 0 {
            update(c + position, with: eight.lowHalf, beta: beta)
            position &+= 4
        }
        let two = columns & 2 != 0 ? four.highHalf : four.lowHalf
        if columns & 2 != 0 {
            update(c + position, with: four.lowHalf, beta: beta)
            position &+= 2
        }
        if columns & 1 != 0 { c[position] = beta == 0 ? two.x : two.x.addingProduct(c[position], beta) }
    }

    /// `c[0..<Piece.scalarCount] = value + beta · c` as one fused multiply-add per lane, the
    /// same rounding for full and partial rows, and without reading `c` when `beta` is zero.
    @inline(__always)
    private static func update<Piece: SIMD>(
        _ c: UnsafeMutablePointer<Float>, with value: Piece, beta: Float
    ) where Piece.Scalar == Float {
        let destination = UnsafeMutableRawPointer(c)
        let result = beta == 0 ? value : value.addingProduct(destination.loadUnaligned(as: Piece.self), beta)
        destination.storeBytes(of: result, as: Piece.self)
    }
}
