/// A layer's weights transposed, `Wᵀ[inputs, outputs]`, cut into pieces of sixteen outputs,
/// and the sparse product `S · Wᵀ + bias` of the entries an `InputGroups` read.
///
/// A piece's rows are contiguous (50 KB for 784 inputs), so the ones a product uses stay in
/// the L1 cache while its groups are summed; sixteen outputs are two AVX registers, and one
/// cache line of `Wᵀ`. Each piece is written, and multiplied, on its own, so that threads can
/// share the pieces.
final class PiecewiseWeights {
    /// Sixteen outputs.
    typealias Piece = SIMD16<Float>

    let columns: Int
    let outputs: Int
    /// The pieces of sixteen outputs that hold a row's outputs, the last one padded with zeros.
    let pieces: Int
    /// `Wᵀ` cut into pieces of sixteen outputs, `[pieces, columns, 16]`.
    let transposed: UnsafeMutablePointer<Float>
    /// The row sums of `W`, `[pieces × 16]`, written with `transposed`.
    let weightSums: UnsafeMutablePointer<Float>
    /// `b + base · row sums of W`, `[pieces × 16]`: each output's value for a row of blanks.
    let bias: UnsafeMutablePointer<Float>

    /// Room for the weights of `layer`.
    init(layer: Dense) {
        columns = layer.inputs
        outputs = layer.outputs
        pieces = (layer.outputs + Piece.scalarCount - 1) / Piece.scalarCount
        transposed = .allocateAligned(pieces * columns * Piece.scalarCount)
        weightSums = .allocateAligned(pieces * Piece.scalarCount)
        bias = .allocateAligned(pieces * Piece.scalarCount)
    }

    deinit {
        for pointer in [transposed, weightSums, bias] { UnsafeMutableRawPointer(pointer).deallocate() }
    }

    /// The outputs of `piece`: its first, and how many there are.
    func outputRange(of piece: Int) -> (first: Int, width: Int) {
        let first = piece * Piece.scalarCount
        return (first, min(Piece.scalarCount, outputs - first))
    }

    /// Copies piece `piece` of `W` transposed into `transposed`, and its row sums into `weightSums`.
    ///
    /// Eight columns at a time: the piece's sixteen rows of `W` give two 8×8 blocks, turned in
    /// registers, and the piece's eight rows of `Wᵀ` are written one cache line after the other.
    /// The sums add the rows of `Wᵀ` in order.
    func transpose(_ layer: Dense, piece: Int) {
        let w = layer.weight.value.storage
        let (first, count) = outputRange(of: piece)
        let wT = transposed + first * columns
        var sums = Piece()
        @inline(__always) func store(_ row: Piece, column: Int) {
            UnsafeMutableRawPointer(wT + column * Piece.scalarCount).storeBytes(of: row, as: Piece.self)
            sums += row
        }
        @inline(__always) func block(lanes: Int, column: Int) -> EightByEight {
            @inline(__always) func row(_ lane: Int) -> SIMD8<Float> {
                lanes + lane < count
                    ? UnsafeRawPointer(w + (first + lanes + lane) * columns + column).loadUnaligned(
                        as: SIMD8<Float>.self)
                    : SIMD8()
            }
            return EightByEight(
                r0: row(0), r1: row(1), r2: row(2), r3: row(3), r4: row(4), r5: row(5), r6: row(6), r7: row(7))
        }
        var column = 0
        while column + 8 <= columns {
            let (low, high) = (
                block(lanes: 0, column: column).transposed(), block(lanes: 8, column: column).transposed()
            )
            for offset in 0..<8 { store(Piece(lowHalf: low[offset], highHalf: high[offset]), column: column + offset) }
            column += 8
        }
        for column in column..<columns {
            var row = Piece()
            for lane in 0..<count { row[lane] = w[(first + lane) * columns + column] }
            store(row, column: column)
        }
        UnsafeMutableRawPointer(weightSums + first).storeBytes(of: sums, as: Piece.self)
    }

    /// Sets `bias` of `piece` to `b + base · row sums of W`, for `layer`'s `b`.
    func setBias(of layer: Dense, base: Float, piece: Int) {
        let (first, count) = outputRange(of: piece)
        let b = layer.bias.value.storage
        for output in first..<first + count { bias[output] = b[output] + base * weightSums[output] }
    }

    /// `y[rows, outputs] = S · Wᵀ + bias` on the outputs of `piece`, for the groups `groups`
    /// read last, of `rows` rows; `y` has a row of `outputs` for each.
    ///
    /// Each of a group's columns adds its row of `Wᵀ` to all four rows' sums at once, scaled
    /// by each row's entry (zero for a row whose entry is the base, which leaves its sum as it
    /// was). Each sum runs over the columns in order from the bias, so the result is the dense
    /// product summed in another order, and matches it to rounding.
    func multiply(_ groups: InputGroups, rows: Int, piece: Int, into y: UnsafeMutablePointer<Float>) {
        let (columnIndices, entries, starts) = (groups.columnIndices, groups.entries, groups.starts)
        let (first, width) = outputRange(of: piece)
        let weights = UnsafeRawPointer(transposed + first * columns)
        let start = UnsafeRawPointer(bias + first).load(as: Piece.self)
        for (group, firstRow) in stride(from: 0, to: rows, by: InputGroups.rows).enumerated() {
            var (s0, s1, s2, s3) = (start, start, start, start)
            for index in starts[group]..<starts[group + 1] {
                let offset = Int(columnIndices[index]) &* MemoryLayout<Piece>.stride
                let w = weights.load(fromByteOffset: offset, as: Piece.self)
                let entries = UnsafeRawPointer(entries + index)
                s0.addProduct(Piece(repeating: entries.load(as: Float.self)), w)
                s1.addProduct(Piece(repeating: entries.load(fromByteOffset: 4, as: Float.self)), w)
                s2.addProduct(Piece(repeating: entries.load(fromByteOffset: 8, as: Float.self)), w)
                s3.addProduct(Piece(repeating: entries.load(fromByteOffset: 12, as: Float.self)), w)
            }
            let y = y + firstRow * outputs + first
            let groupRows = min(InputGroups.rows, rows - firstRow)
            Self.store(s0, width: width, into: y)
            if groupRows > 1 { Self.store(s1, width: width, into: y + outputs) }
            if groupRows > 2 { Self.store(s2, width: width, into: y + 2 * outputs) }
            if groupRows > 3 { Self.store(s3, width: width, into: y + 3 * outputs) }
        }
    }

    /// Stores the first `width` lanes of `sums` at `y`.
    @inline(__always)
    static func store(_ sums: Piece, width: Int, into y: UnsafeMutablePointer<Float>) {
        if width == Piece.scalarCount {
            UnsafeMutableRawPointer(y).storeBytes(of: sums, as: Piece.self)
        } else {
            for lane in 0..<width { y[lane] = sums[lane] }
        }
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// `count` zeros, 64-byte aligned (a cache line, and whole AVX-512 registers); free with
    /// `UnsafeMutableRawPointer(pointer).deallocate()`.
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        return raw.initializeMemory(as: Float.self, repeating: 0, count: count)
    }
}
