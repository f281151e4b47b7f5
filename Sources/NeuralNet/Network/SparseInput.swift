/// A batch's input seen as one common value plus the entries that differ from it, and the
/// first layer's forward product computed from those entries alone.
///
/// Most of an MNIST image is blank paper, and every blank pixel normalizes to the same
/// value, so a batch is `x = base + S`, where `S` is zero except at the inked pixels (about
/// a fifth of them). The first layer's product splits into a sparse part and a constant:
///
///     x · Wᵀ + b  =  S · Wᵀ  +  (b + base · row sums of W)
///
/// and `S · Wᵀ` adds one row of `Wᵀ` per inked pixel instead of one per pixel. The result is
/// the same product summed in another order, so it matches the dense one to rounding.
///
/// A batch qualifies when it has at least ``minimumRows`` rows (`Wᵀ` is written for every
/// batch, unless ``keepsWeights``) and at most ``maximumDensity`` of the entries of each run
/// of ``chunkRows`` rows differ from the base, which is the batch's first entry (a corner
/// pixel: blank in MNIST). Anything else, such as a data set without a blank background,
/// takes the dense product. Rows are read and multiplied a few at a time, so their entries
/// stay in the cache next to `Wᵀ`.
final class SparseInput {
    /// The fewest rows worth the transposed copy of the weights.
    static let minimumRows = 128
    /// The rows read and multiplied at a time.
    static let chunkRows = 32
    /// The largest share of entries that differ from the base for which the sparse product
    /// is faster than the dense one: on one core of the machines we measured, an entry costs
    /// about 8 ns for 128 outputs (a row of `Wᵀ` read from the L2 cache), and the dense
    /// product about 2.8 ns per entry, differing or not.
    static let maximumDensity = 0.3

    /// One row of the product's output: 16 floats, two AVX registers.
    private typealias Piece = SIMD16<Float>

    private let columns: Int
    private let outputs: Int
    /// The row stride of `transposedWeight`: `outputs` rounded up to whole pieces, so that
    /// every load of a piece stays inside the row; the padding is zero.
    private let paddedOutputs: Int
    /// The common value of the last batch read.
    private var base: Float = 0
    /// Row `i` of the chunk has entries `entryStarts[i]..<entryStarts[i + 1]`.
    private let entryStarts: UnsafeMutablePointer<Int>
    private let entryColumns: UnsafeMutablePointer<Int32>
    /// `x[i, column] − base` of each entry.
    private let entryValues: UnsafeMutablePointer<Float>
    /// `Wᵀ`, `[columns, paddedOutputs]`, rewritten by every product unless `keepsWeights`.
    private let transposedWeight: UnsafeMutablePointer<Float>
    /// The row sums of `W`, `[paddedOutputs]`, written with `transposedWeight`.
    private let weightSums: UnsafeMutablePointer<Float>
    /// `b + base · row sums of W`, `[paddedOutputs]`.
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
        paddedOutputs = (layer.outputs + Piece.scalarCount - 1) / Piece.scalarCount * Piece.scalarCount
        // One row more than the limit: `read` checks the limit after each row.
        let entryCapacity = Int(Double(Self.chunkRows * columns) * Self.maximumDensity) + columns
        entryStarts = .allocate(capacity: Self.chunkRows + 1)
        entryColumns = .allocate(capacity: entryCapacity)
        entryValues = .allocate(capacity: entryCapacity)
        transposedWeight = Self.allocateFloats(columns * paddedOutputs)
        weightSums = Self.allocateFloats(paddedOutputs)
        bias = Self.allocateFloats(paddedOutputs)
    }

    deinit {
        entryStarts.deallocate()
        entryColumns.deallocate()
        entryValues.deallocate()
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
        base = input.storage[0]
        let biases = layer.bias.value.storage
        for output in 0..<outputs { bias[output] = biases[output] + base * weightSums[output] }
        for first in stride(from: 0, to: rows, by: Self.chunkRows) {
            let chunk = min(Self.chunkRows, rows - first)
            guard read(input.storage + first * columns, rows: chunk) else { return false }
            multiply(rows: chunk, into: output.storage + first * outputs)
        }
        return true
    }

    /// Reads the entries of `rows` rows from `x` that differ from the base, and returns
    /// whether they are few enough.
    private func read(_ x: UnsafeMutablePointer<Float>, rows: Int) -> Bool {
        let limit = Int(Double(rows * columns) * Self.maximumDensity)
        let blank = SIMD16<Float>(repeating: base)
        var count = 0
        for row in 0..<rows {
            entryStarts[row] = count
            let x = x + row * columns
            var column = 0
            // Sixteen entries at a time: one comparison gives a bit per entry that differs
            // from the base, and only those bits are visited.
            while column + 16 <= columns {
                let sixteen = UnsafeRawPointer(x + column).loadUnaligned(as: SIMD16<Float>.self)
                var differing = Self.laneBits.replacing(with: 0, where: sixteen .== blank).wrappedSum()
                while differing != 0 {
                    append(column: column + differing.trailingZeroBitCount, at: &count, from: x)
                    differing &= differing &- 1
                }
                column += 16
            }
            for c in column..<columns where x[c] != base { append(column: c, at: &count, from: x) }
            if count > limit { return false }
        }
        entryStarts[rows] = count
        return true
    }

    /// Lane `i` holds bit `i`: summing the lanes of entries that differ gives their bit mask.
    private static let laneBits = SIMD16<Int32>(
        1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)

    @inline(__always)
    private func append(column: Int, at count: inout Int, from x: UnsafeMutablePointer<Float>) {
        entryColumns[count] = Int32(truncatingIfNeeded: column)
        entryValues[count] = x[column] - base
        count &+= 1
    }

    /// `y[rows, outputs] = S · Wᵀ + bias` for the rows `read` last.
    private func multiply(rows: Int, into y: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            let entries = entryStarts[row]..<entryStarts[row + 1]
            let y = y + row * outputs
            var first = 0
            while first + 4 * Piece.scalarCount <= outputs {
                sumFourPieces(entries, from: first, into: y + first)
                first += 4 * Piece.scalarCount
            }
            while first < outputs {
                let sum = sumPiece(entries, from: first)
                for lane in 0..<min(Piece.scalarCount, outputs - first) { y[first + lane] = sum[lane] }
                first += Piece.scalarCount
            }
        }
    }

    /// Copies `W` transposed into `transposedWeight`, and the row sums of `W` into `weightSums`.
    ///
    /// Sixteen rows of `W` at a time fill one piece of every row of `Wᵀ`: the sixteen rows are
    /// read front to back, and each piece written is a whole cache line.
    private func transposeWeights(of layer: Dense) {
        let w = layer.weight.value.storage
        for first in stride(from: 0, to: outputs, by: Piece.scalarCount) {
            let count = min(Piece.scalarCount, outputs - first)
            var sums = Piece()
            for column in 0..<columns {
                let piece = transposedWeight + column * paddedOutputs + first
                for lane in 0..<count { piece[lane] = w[(first + lane) * columns + column] }
                sums += UnsafeRawPointer(piece).load(as: Piece.self)
            }
            UnsafeMutableRawPointer(weightSums + first).storeBytes(of: sums, as: Piece.self)
        }
    }

    /// `bias + Σ value · Wᵀ[column]` over `entries`, for outputs `first..<first + 64`, stored at `y`.
    @inline(__always)
    private func sumFourPieces(_ entries: Range<Int>, from first: Int, into y: UnsafeMutablePointer<Float>) {
        let start = UnsafeRawPointer(transposedWeight + first)
        let stride = MemoryLayout<Piece>.stride
        let biases = UnsafeRawPointer(bias + first)
        var (s0, s1, s2, s3) = (
            biases.load(as: Piece.self), biases.load(fromByteOffset: stride, as: Piece.self),
            biases.load(fromByteOffset: 2 * stride, as: Piece.self),
            biases.load(fromByteOffset: 3 * stride, as: Piece.self)
        )
        for entry in entries {
            let value = Piece(repeating: entryValues[entry])
            let w = start + Int(entryColumns[entry]) &* paddedOutputs &* MemoryLayout<Float>.stride
            s0.addProduct(value, w.load(as: Piece.self))
            s1.addProduct(value, w.load(fromByteOffset: stride, as: Piece.self))
            s2.addProduct(value, w.load(fromByteOffset: 2 * stride, as: Piece.self))
            s3.addProduct(value, w.load(fromByteOffset: 3 * stride, as: Piece.self))
        }
        let destination = UnsafeMutableRawPointer(y)
        destination.storeBytes(of: s0, as: Piece.self)
        destination.storeBytes(of: s1, toByteOffset: stride, as: Piece.self)
        destination.storeBytes(of: s2, toByteOffset: 2 * stride, as: Piece.self)
        destination.storeBytes(of: s3, toByteOffset: 3 * stride, as: Piece.self)
    }

    /// `bias + Σ value · Wᵀ[column]` over `entries`, for outputs `first..<first + 16`.
    @inline(__always)
    private func sumPiece(_ entries: Range<Int>, from first: Int) -> Piece {
        let start = UnsafeRawPointer(transposedWeight + first)
        var sum = UnsafeRawPointer(bias + first).load(as: Piece.self)
        for entry in entries {
            let w = start + Int(entryColumns[entry]) &* paddedOutputs &* MemoryLayout<Float>.stride
            sum.addProduct(Piece(repeating: entryValues[entry]), w.load(as: Piece.self))
        }
        return sum
    }
}
