/// A batch's input seen as one common value plus the entries that differ from it, and the
/// first layer's forward product computed from those entries alone, for inference.
///
/// Most of an MNIST image is blank paper, and every blank pixel normalizes to the same
/// value, so a batch is `x = base + S`, where `S` is zero except at the inked pixels (about
/// a fifth of them). The first layer's product splits into a sparse part and a constant:
///
///     x · Wᵀ + b  =  S · Wᵀ  +  (b + base · row sums of W)
///
/// and `S · Wᵀ` needs the rows of `Wᵀ` of the inked pixels only. Rows are read
/// ``chunkRows`` at a time, in groups of four (`InputGroups`), and multiplied one piece of
/// sixteen outputs at a time (`PiecewiseWeights`): the chunk's entries and the rows of `Wᵀ`
/// they use stay in the cache between the two.
///
/// A batch qualifies when it has at least ``minimumRows`` rows (`Wᵀ` is written for every
/// batch, unless ``keepsWeights``) and no group's rows differ from the base in more than
/// ``maximumDensity`` of the columns; the base is the batch's first entry (a corner pixel:
/// blank in MNIST). Anything else, such as a data set without a blank background, takes the
/// dense product. Training has a path of its own, `SparseFirstLayer`.
final class SparseInput {
    /// The fewest rows worth the transposed copy of the weights.
    static let minimumRows = 128
    /// The rows read, then multiplied, at a time: their entries and the rows of `Wᵀ` they use
    /// stay in the cache between the two.
    static let chunkRows = 32
    /// The largest share of a group's columns in which some row differs from the base. On
    /// random images with 784 columns and 128 outputs, the sparse product was still faster
    /// than the dense one at 85% (by 4–7%) and even at 95%; this keeps a margin.
    static let maximumDensity = 0.85

    private let groups: InputGroups
    private let weights: PiecewiseWeights
    /// Whether `weights` holds the weights of a product made while ``keepsWeights`` was on.
    private var hasKeptWeights = false
    /// Whether products reuse the transposed weights of the first product made since this
    /// was turned on, instead of transposing them again: on only while the weights do not change.
    var keepsWeights = false {
        didSet { hasKeptWeights = false }
    }

    /// Room for `layer`'s input and weights.
    init(layer: Dense) {
        groups = InputGroups(columns: layer.inputs, capacity: InputGroups.groups(rows: Self.chunkRows))
        weights = PiecewiseWeights(layer: layer)
    }

    /// Computes `output[rows, outputs] = input · Wᵀ + b` for `layer`, the layer this was sized
    /// for, and returns true; or returns false, with `output` left unspecified, when the rows
    /// do not qualify and the dense product must compute it.
    func forward(_ input: Matrix, through layer: Dense, into output: Matrix, rows: Int) -> Bool {
        let columns = weights.columns
        precondition(
            input.columns == columns && layer.inputs == columns && layer.outputs == weights.outputs,
            "not the layer this input was sized for")
        guard rows >= Self.minimumRows else { return false }
        if !hasKeptWeights {
            for piece in 0..<weights.pieces { weights.transpose(layer, piece: piece) }
            hasKeptWeights = keepsWeights
        }
        let base = input.storage[0]
        for piece in 0..<weights.pieces { weights.setBias(of: layer, base: base, piece: piece) }
        let limit = Int(Double(columns) * Self.maximumDensity)
        for first in stride(from: 0, to: rows, by: Self.chunkRows) {
            let chunk = min(Self.chunkRows, rows - first)
            guard
                groups.read(
                    input.storage + first * columns, rows: chunk, base: base, groupLimit: limit, totalLimit: .max)
            else { return false }
            for piece in 0..<weights.pieces {
                weights.multiply(groups, rows: chunk, piece: piece, into: output.storage + first * weights.outputs)
            }
        }
        return true
    }
}
