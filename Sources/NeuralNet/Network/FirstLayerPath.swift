/// How training computes the first layer's two products, forward `x · Wᵀ` and weight
/// gradient `∂yᵀ · x` (see `SparseFirstLayer`).
public enum FirstLayerPath: String, CaseIterable, Sendable {
    /// Both products through the GEMM kernel, every entry of the input.
    case dense
    /// Both products from the entries that differ from the batch's blank value alone, however
    /// many there are.
    case sparse
    /// The sparse products when a batch is blank enough for them to pay, else the dense ones:
    /// sparse when, in at most 60% of the columns, some row of a group of four differs from
    /// the blank value. A fixed rule on the batch's entries, not a timing, so that runs repeat
    /// bit for bit.
    case automatic = "auto"
}
