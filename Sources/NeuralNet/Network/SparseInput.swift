/// A batch's input seen as one common value plus the entries that differ from it, and the
/// first layer's forward product computed from those entries alone.
///
/// Most of an MNIST image is blank paper, and every blank pixel normalizes to the same
/// value, so a batch is `x = base + S`, where `S` is zero except at the inked pixels (about
/// a fifth of them). The first layer's product splits into a sparse part and a constant:
///
///     x · Wᵀ + b  =  S · Wᵀ  +  (b + base · row sums of W)
///
/// and `S · Wᵀ` needs the rows of `Wᵀ` of the inked pixels only.
///
/// Rows are taken ``groupRows`` at a time. `read` finds the columns in which any row of a
/// group differs from the base, and `multiply` adds each of those rows of `Wᵀ` to all of the
/// group's sums at once, scaled by each row's entry (zero for a row whose entry is the base,
/// which leaves its sum as it was). Neighbouring images share much of their ink: MNIST's test
/// images have 151 inked pixels each, and four of them 298 together. So a group needs half
/// the rows of `Wᵀ` that its rows would one by one, its four rows' sums of sixteen outputs
/// stay in registers, and one scan of the input serves four rows. Each sum runs over the
/// columns in order from the bias, so the result is the dense product summed in another
/// order, and matches it to rounding.
///
/// A batch qualifies when it has at least ``minimumRows`` rows (`Wᵀ` is written for every
/// batch, unless ``keepsWeights``) and no group's rows differ from the base in more than
/// ``maximumDensity`` of the columns; the base is the batch's first entry (a corner pixel:
/// blank in MNIST). Anything else, such as a data set without a blank background, takes the
/// dense product.
final class SparseInput {
    /// The fewest rows worth the transposed copy of the weights.
    static let minimumRows = 128
    /// The rows whose sums are taken together: four rows' sums of sixteen outputs fill
    /// eight of the sixteen AVX registers, and the rest hold a piece of `Wᵀ` and the entries.
    static let groupRows = 4
    /// The rows read, then multiplied, at a time: their entries and the rows of `Wᵀ` they use
    /// stay in the cache between the two.
    static let chunkRows = 32
    /// The largest share of a group's columns in which some row differs from the base. On
    /// random images with 784 columns and 128 outputs, the sparse product was still faster
    /// than the dense one at 85% (by 4–7%) and even at 95%; this keeps a margin.
    static let maximumDensity = 0.85

    /// Sixteen outputs: two AVX registers, and one cache line of `Wᵀ`.
    private typealias Piece = SIMD16<Float>
    /// The entries of a group's rows in one column.
    private typealias Entries = SIMD4<Float>

    private let columns: Int
    private let outputs: Int
    /// The pieces of sixteen outputs that hold a row's outputs, the last one padded with zeros.
    private let pieces: Int
    /// Group `g` of the chunk read last has columns `groupStarts[g]..<groupStarts[g + 1]`
    /// of `groupColumns` and `groupEntries`.
    private let groupStarts: UnsafeMutablePointer<Int>
    /// The columns in which some row of the group differs from the base, in order.
    private let groupColumns: UnsafeMutablePointer<Int32>
    /// For each of `groupColumns`, `x[row, column] − base` of each row of the group.
    private let groupEntries: UnsafeMutablePointer<Entries>
    /// `Wᵀ` cut into pieces of sixteen outputs, `[pieces, columns, 16]`, rewritten by every
    /// product unless `keepsWeights`. A piece's rows are contiguous (50 KB for 784 columns),
    /// so the ones a chunk uses stay in the L1 cache while its groups are summed.
    private let transposedWeight: UnsafeMutablePointer<Float>
    /// The row sums of `W`, `[pieces × 16]`, written with `transposedWeight`.
    private let weightSums: UnsafeMutablePointer<Float>
    /// `b + base · row sums of W`, `[pieces × 16]`.
    private let bias: UnsafeMutablePointer<Float>
    /// Whether `transposedWeight` and `weightSums` hold the weights of a product made while
    /// ``keepsWeights`` was on.
    private var hasKeptWeights = false
    /// Whether products reuse the transposed weights of the first product made since this
    /// was turned on, instead of transposing them again: on only while the weights do not change.
    var keepsWeights = false {
        didSet { hasKeptWeights = false }
    }

    /// Room for `layer`'s input and weights.
    init(layer: Dense) {
        columns = layer.inputs
        outputs = layer.outputs
        pieces = (layer.outputs + Piece.scalarCount - 1) / Piece.scalarCount
        let groups = Self.chunkRows / Self.groupRows
        groupStarts = .allocate(capacity: groups + 1)
        groupColumns = .allocate(capacity: groups * columns)
        groupEntries = .allocate(capacity: groups * columns)
        transposedWeight = Self.allocateFloats(pieces * columns * Piece.scalarCount)
        weightSums = Self.allocateFloats(pieces * Piece.scalarCount)
        bias = Self.allocateFloats(pieces * Piece.scalarCount)
    }

    deinit {
        groupStarts.deallocate()
        groupColumns.deallocate()
        groupEntries.deallocate()
        UnsafeMutableRawPointer(transposedWeight).deallocate()
        UnsafeMutableRawPointer(weightSums).deallocate()
        UnsafeMutableRawPointer(bias).deallocate()
    }

    private static func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        return raw.initializeMemory(as: Float.self, repeating: 0, count: count)
    }

    /// Computes `output[rows, outputs] = input · Wᵀ + b` for `layer`, the layer this was sized
    /// for, and returns true; or returns false, with `output` left unspecified, when the rows
    /// do not qualify and the dense product must compute it.
    func forward(_ input: Matrix, through layer: Dense, into output: Matrix, rows: Int) -> Bool {
        precondition(
            input.columns == columns && layer.inputs == columns && layer.outputs == outputs,
            "not the layer this input was sized for")
        guard rows >= Self.minimumRows else { return false }
        if !hasKeptWeights {
            transposeWeights(of: layer)
            hasKeptWeights = keepsWeights
        }
        let base = input.storage[0]
        let biases = layer.bias.value.storage
        for output in 0..<outputs { bias[output] = biases[output] + base * weightSums[output] }
        for first in stride(from: 0, to: rows, by: Self.chunkRows) {
            let chunk = min(Self.chunkRows, rows - first)
            guard read(input.storage + first * columns, rows: chunk, base: base) else { return false }
            multiply(rows: chunk, into: output.storage + first * outputs)
        }
        return true
    }

    /// Reads the columns of each group of `rows` rows from `x` in which some row differs from
    /// `base`, with the group's entries there, and returns whether they are few enough.
    private func read(_ x: UnsafePointer<Float>, rows: Int, base: Float) -> Bool {
        let limit = Int(Double(columns) * Self.maximumDensity)
        let (columns, groupColumns, groupEntries) = (self.columns, self.groupColumns, self.groupEntries)
        let blank = SIMD16<Float>(repeating: base)
        var count = 0
        for (group, first) in stride(from: 0, to: rows, by: Self.groupRows).enumerated() {
            groupStarts[group] = count
            // A group of fewer rows reads its last row again in their place; `multiply` stores
            // only the sums of the rows there are.
            let last = min(first + Self.groupRows, rows) - 1
            let x0 = x + first * columns
            let x1 = x + min(first + 1, last) * columns
            let x2 = x + min(first + 2, last) * columns
            let x3 = x + min(first + 3, last) * columns
            @inline(__always) func append(_ column: Int) {
                groupColumns[count] = Int32(truncatingIfNeeded: column)
                groupEntries[count] = Entries(x0[column], x1[column], x2[column], x3[column]) - base
                count &+= 1
            }
            @inline(__always) func differs(_ x: UnsafePointer<Float>, _ column: Int) -> SIMDMask<SIMD16<Int32>> {
                UnsafeRawPointer(x + column).loadUnaligned(as: SIMD16<Float>.self) .!= blank
            }
            var column = 0
            // Sixteen columns at a time: one comparison per row gives a bit per column in
            // which some row differs, and only those bits are visited.
            while column + 16 <= columns {
                let anyRow = differs(x0, column) .| differs(x1, column) .| differs(x2, column) .| differs(x3, column)
                var bits = Self.laneBits.replacing(with: 0, where: .!anyRow).wrappedSum()
                while bits != 0 {
                    append(column &+ bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
                column += 16
            }
            for column in column..<columns
            where x0[column] != base || x1[column] != base || x2[column] != base || x3[column] != base {
                append(column)
            }
            if count - groupStarts[group] > limit { return false }
        }
        groupStarts[(rows + Self.groupRows - 1) / Self.groupRows] = count
        return true
    }

    /// Lane `i` holds bit `i`: summing the lanes of columns that differ gives their bit mask.
    private static let laneBits = SIMD16<Int32>(
        1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)

    /// `y[rows, outputs] = S · Wᵀ + bias` for the chunk `read` last: one piece of sixteen
    /// outputs at a time, for every group of the chunk.
    private func multiply(rows: Int, into y: UnsafeMutablePointer<Float>) {
        let (groupColumns, groupEntries) = (self.groupColumns, self.groupEntries)
        for piece in 0..<pieces {
            let first = piece * Piece.scalarCount
            let weights = UnsafeRawPointer(transposedWeight + first * columns)
            let start = UnsafeRawPointer(bias + first).load(as: Piece.self)
            let width = min(Piece.scalarCount, outputs - first)
            for (group, firstRow) in stride(from: 0, to: rows, by: Self.groupRows).enumerated() {
                var (s0, s1, s2, s3) = (start, start, start, start)
                for index in groupStarts[group]..<groupStarts[group + 1] {
                    let offset = Int(groupColumns[index]) &* MemoryLayout<Piece>.stride
                    let w = weights.load(fromByteOffset: offset, as: Piece.self)
                    let entries = UnsafeRawPointer(groupEntries + index)
                    s0.addProduct(Piece(repeating: entries.load(as: Float.self)), w)
                    s1.addProduct(Piece(repeating: entries.load(fromByteOffset: 4, as: Float.self)), w)
                    s2.addProduct(Piece(repeating: entries.load(fromByteOffset: 8, as: Float.self)), w)
                    s3.addProduct(Piece(repeating: entries.load(fromByteOffset: 12, as: Float.self)), w)
                }
                let y = y + firstRow * outputs + first
                let groupRows = min(Self.groupRows, rows - firstRow)
                store(s0, width: width, into: y)
                if groupRows > 1 { store(s1, width: width, into: y + outputs) }
                if groupRows > 2 { store(s2, width: width, into: y + 2 * outputs) }
                if groupRows > 3 { store(s3, width: width, into: y + 3 * outputs) }
            }
        }
    }

    /// Stores the first `width` lanes of `sums` at `y`.
    @inline(__always)
    private func store(_ sums: Piece, width: Int, into y: UnsafeMutablePointer<Float>) {
        if width == Piece.scalarCount {
            UnsafeMutableRawPointer(y).storeBytes(of: sums, as: Piece.self)
        } else {
            for lane in 0..<width { y[lane] = sums[lane] }
        }
    }

    /// Copies `W` transposed into `transposedWeight`, and the row sums of `W` into `weightSums`.
    ///
    /// Sixteen rows of `W` at a time fill one piece of every row of `Wᵀ`: the sixteen rows are
    /// read front to back, and the piece's rows are written one cache line after the other.
    private func transposeWeights(of layer: Dense) {
        let w = layer.weight.value.storage
        for piece in 0..<pieces {
            let first = piece * Piece.scalarCount
            let count = min(Piece.scalarCount, outputs - first)
            var sums = Piece()
            for column in 0..<columns {
                let row = transposedWeight + (first * columns + column * Piece.scalarCount)
                for lane in 0..<count { row[lane] = w[(first + lane) * columns + column] }
                sums += UnsafeRawPointer(row).load(as: Piece.self)
            }
            UnsafeMutableRawPointer(weightSums + first).storeBytes(of: sums, as: Piece.self)
        }
    }
}
