/// The first layer's training products computed from the entries of the batch that differ
/// from its blank value, for batches of any size.
///
/// A normalized MNIST batch is `x = base + S`: every blank pixel is the same value `base`
/// (−mean/std, not zero), and `S` is zero but for the inked pixels, about a fifth of them.
/// Both of the first layer's products split into a sparse part and a term from the base:
///
///     forward           y = x · Wᵀ + b   =  S · Wᵀ  +  (b + base · row sums of W)
///     weight gradient   ∂W = ∂yᵀ · x     =  ∂yᵀ · S  +  base · (column sums of ∂y) for every column
///
/// and the sparse parts need only the columns in which the batch differs from the base. The
/// layer has no input gradient (its input is the data), so these two are all of its products:
/// 88% of a training step of the default model.
///
/// `InputGroups` reads the batch once per step, four rows at a time; the forward product sums
/// the rows of `Wᵀ` of each group's columns (`PiecewiseWeights`, which transposes `W` every
/// step, since the weights change every step); the weight gradient adds each group's four rows
/// of `∂y`, scaled by the group's entries, into `∂Wᵀ` of its columns, and writes `∂W` back in
/// the layer's `[outputs, inputs]` layout with the base's term. Both go one piece of sixteen
/// outputs at a time, so the kernel's threads share the pieces (`GEMMKernel.forEachPiece`).
/// The results match the dense products to rounding.
final class SparseFirstLayer: ElementwiseWork {
    /// The largest share of a batch's group-columns (each group of four rows times each column)
    /// in which some row of the group differs from the base, for `FirstLayerPath.automatic`;
    /// denser batches take the dense products. A fixed rule rather than a timing, so that a
    /// run repeats bit for bit.
    static let maximumDensity = 0.6

    private typealias Piece = PiecewiseWeights.Piece

    private let groups: InputGroups
    private let weights: PiecewiseWeights
    /// `∂Wᵀ` of the sparse part, `[pieces, columns, 16]`, zero between steps: the weight
    /// gradient adds into it, and writing `∂W` clears it again.
    private let gradientSums: UnsafeMutablePointer<Float>
    /// The floats of `W` that one piece of sixteen outputs covers: `forEachPiece` counts in these.
    private let pieceElements: Int

    /// What the pieces compute: set before `forEachPiece`, read by `perform`.
    private enum Task {
        case none
        case forward(layer: Dense, output: Matrix, rows: Int)
        case backward(layer: Dense, outputGradient: Matrix, rows: Int, gradientCarry: Float)
    }
    private var task = Task.none
    /// The base of the rows `forward` read last.
    private var base: Float = 0

    /// Room for `layer`'s weights and batches of up to `capacity` rows.
    init(layer: Dense, capacity: Int) {
        groups = InputGroups(columns: layer.inputs, capacity: InputGroups.groups(rows: capacity))
        weights = PiecewiseWeights(layer: layer)
        gradientSums = .allocateAligned(weights.pieces * layer.inputs * Piece.scalarCount)
        pieceElements = Piece.scalarCount * layer.inputs
    }

    deinit { UnsafeMutableRawPointer(gradientSums).deallocate() }

    /// Computes `output[rows, outputs] = input[rows, inputs] · Wᵀ + b` for `layer`, the layer
    /// this was sized for, on `kernel`'s threads, and returns true; or returns false, with
    /// `output` left unspecified, when more than `maximumDensity` of the batch's group-columns
    /// differ from the base (nil: any share will do). After true, `backward` may follow for the
    /// same rows.
    func forward(
        _ input: Matrix, through layer: Dense, into output: Matrix, rows: Int, maximumDensity: Double?,
        kernel: any GEMMKernel
    ) -> Bool {
        precondition(
            input.columns == weights.columns && layer.inputs == weights.columns && layer.outputs == weights.outputs,
            "not the layer this was sized for")
        base = input.storage[0]
        let groupColumns = InputGroups.groups(rows: rows) * weights.columns
        let limit = maximumDensity.map { Int(Double(groupColumns) * $0) } ?? groupColumns
        guard groups.read(input.storage, rows: rows, base: base, groupLimit: weights.columns, totalLimit: limit)
        else { return false }
        run(.forward(layer: layer, output: output, rows: rows), on: kernel)
        return true
    }

    /// Given `outputGradient[rows, outputs]` = ∂loss/∂y for the rows `forward` took last, sets
    /// `layer`'s bias gradient to the column sums of ∂y and its weight gradient to
    /// `gradientCarry · ∂W + ∂yᵀ · x`, as `Dense.backward` does, on `kernel`'s threads.
    func backward(
        outputGradient: Matrix, through layer: Dense, rows: Int, gradientCarry: Float, kernel: any GEMMKernel
    ) {
        run(
            .backward(layer: layer, outputGradient: outputGradient, rows: rows, gradientCarry: gradientCarry),
            on: kernel)
    }

    private func run(_ task: Task, on kernel: any GEMMKernel) {
        self.task = task
        kernel.forEachPiece(of: weights.pieces * pieceElements, self)
        self.task = .none
    }

    /// A pass's multiply-adds, four rows of every output for each group-column read, and its
    /// pass over the weights (transposed forward, written back backward): how `AdaptiveKernel`
    /// weighs this work against the products.
    func operations(count: Int) -> Double {
        Double(8 * weights.outputs * groups.starts[groups.count] + 2 * weights.columns * weights.outputs)
    }

    /// Computes the pieces of sixteen outputs whose first weight lies in `range`.
    func perform(_ range: Range<Int>) {
        let pieces =
            (range.lowerBound + pieceElements - 1) / pieceElements..<(range.upperBound + pieceElements - 1)
            / pieceElements
        for piece in pieces {
            switch task {
            case .none:
                return
            case let .forward(layer, output, rows):
                weights.transpose(layer, piece: piece)
                weights.setBias(of: layer, base: base, piece: piece)
                weights.multiply(groups, rows: rows, piece: piece, into: output.storage)
            case let .backward(layer, outputGradient, rows, gradientCarry):
                let columnSums = biasGradient(of: layer, outputGradient: outputGradient, rows: rows, piece: piece)
                addGradientSums(outputGradient: outputGradient, rows: rows, piece: piece)
                writeWeightGradient(
                    of: layer, baseTerm: base * columnSums, gradientCarry: gradientCarry, piece: piece)
            }
        }
    }

    /// Lanes `first..<first + width` of row `row` of `matrix` (`[rows, outputs]`), zero beyond `width`.
    @inline(__always)
    private func load(_ matrix: Matrix, row: Int, first: Int, width: Int) -> Piece {
        let start = matrix.storage + row * weights.outputs + first
        if width == Piece.scalarCount { return UnsafeRawPointer(start).loadUnaligned(as: Piece.self) }
        var piece = Piece()
        for lane in 0..<width { piece[lane] = start[lane] }
        return piece
    }

    /// Sets the bias gradient of `piece`'s outputs to the column sums of ∂y, summed over the
    /// rows in order as `Dense.backward` sums them, and returns them.
    private func biasGradient(of layer: Dense, outputGradient: Matrix, rows: Int, piece: Int) -> Piece {
        let (first, width) = weights.outputRange(of: piece)
        var sums = Piece()
        for row in 0..<rows { sums += load(outputGradient, row: row, first: first, width: width) }
        let db = layer.bias.gradient.storage + first
        for lane in 0..<width { db[lane] = sums[lane] }
        return sums
    }

    /// Adds `∂yᵀ · S` on `piece`'s outputs into `gradientSums`: for each group, its four rows of
    /// ∂y, each scaled by the row's entry, into the row of `∂Wᵀ` of each of its columns.
    private func addGradientSums(outputGradient: Matrix, rows: Int, piece: Int) {
        let (first, width) = weights.outputRange(of: piece)
        let sums = UnsafeMutableRawPointer(gradientSums + first * weights.columns)
        let (columnIndices, entries, starts) = (groups.columnIndices, groups.entries, groups.starts)
        for (group, firstRow) in stride(from: 0, to: rows, by: InputGroups.rows).enumerated() {
            // A group of fewer rows repeats its last row's entries in place of the missing
            // rows: their ∂y is zero, so that they add nothing.
            @inline(__always) func gradient(_ offset: Int) -> Piece {
                firstRow + offset < rows
                    ? load(outputGradient, row: firstRow + offset, first: first, width: width) : Piece()
            }
            let (d0, d1, d2, d3) = (gradient(0), gradient(1), gradient(2), gradient(3))
            for index in starts[group]..<starts[group + 1] {
                let offset = Int(columnIndices[index]) &* MemoryLayout<Piece>.stride
                let entry = UnsafeRawPointer(entries + index)
                var sum = sums.load(fromByteOffset: offset, as: Piece.self)
                sum.addProduct(Piece(repeating: entry.load(as: Float.self)), d0)
                sum.addProduct(Piece(repeating: entry.load(fromByteOffset: 4, as: Float.self)), d1)
                sum.addProduct(Piece(repeating: entry.load(fromByteOffset: 8, as: Float.self)), d2)
                sum.addProduct(Piece(repeating: entry.load(fromByteOffset: 12, as: Float.self)), d3)
                sums.storeBytes(of: sum, toByteOffset: offset, as: Piece.self)
            }
        }
    }

    /// Writes `∂W ← gradientCarry · ∂W + ∂Wᵀ-sums + baseTerm` for `piece`'s outputs, in the
    /// layer's `[outputs, inputs]` layout, and clears the piece's `gradientSums` for the next step.
    ///
    /// Eight columns at a time: their eight rows of `∂Wᵀ` give two 8×8 blocks, turned in
    /// registers into eight columns of each of the sixteen rows of `∂W`.
    private func writeWeightGradient(of layer: Dense, baseTerm: Piece, gradientCarry: Float, piece: Int) {
        let (first, width) = weights.outputRange(of: piece)
        let columns = weights.columns
        let sums = gradientSums + first * columns
        let dW = layer.weight.gradient.storage + first * columns
        // Each sum plus the base's term, the sum cleared.
        @inline(__always) func take(_ column: Int) -> Piece {
            let row = UnsafeMutableRawPointer(sums + column * Piece.scalarCount)
            defer { row.storeBytes(of: Piece(), as: Piece.self) }
            return row.load(as: Piece.self) + baseTerm
        }
        // A zero carry overwrites ∂W without reading it, as sgemm's beta 0 does (it may hold NaN).
        @inline(__always) func update(_ value: SIMD8<Float>, at index: Int) {
            let target = UnsafeMutableRawPointer(dW + index)
            let old = gradientCarry == 0 ? SIMD8() : gradientCarry * target.loadUnaligned(as: SIMD8<Float>.self)
            target.storeBytes(of: gradientCarry == 0 ? value : old + value, as: SIMD8<Float>.self)
        }
        var column = 0
        while column + 8 <= columns {
            let (v0, v1, v2, v3) = (take(column), take(column + 1), take(column + 2), take(column + 3))
            let (v4, v5, v6, v7) = (take(column + 4), take(column + 5), take(column + 6), take(column + 7))
            let low = EightByEight(
                r0: v0.lowHalf, r1: v1.lowHalf, r2: v2.lowHalf, r3: v3.lowHalf, r4: v4.lowHalf, r5: v5.lowHalf,
                r6: v6.lowHalf, r7: v7.lowHalf
            ).transposed()
            let high = EightByEight(
                r0: v0.highHalf, r1: v1.highHalf, r2: v2.highHalf, r3: v3.highHalf, r4: v4.highHalf, r5: v5.highHalf,
                r6: v6.highHalf, r7: v7.highHalf
            ).transposed()
            if width == Piece.scalarCount {
                for lane in 0..<8 {
                    update(low[lane], at: lane * columns + column)
                    update(high[lane], at: (lane + 8) * columns + column)
                }
            } else {
                for lane in 0..<width { update(lane < 8 ? low[lane] : high[lane - 8], at: lane * columns + column) }
            }
            column += 8
        }
        for column in column..<columns {
            let value = take(column)
            for lane in 0..<width {
                let index = lane * columns + column
                dW[index] = gradientCarry == 0 ? value[lane] : gradientCarry * dW[index] + value[lane]
            }
        }
    }
}
