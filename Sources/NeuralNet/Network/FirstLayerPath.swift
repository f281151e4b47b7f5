/// How training computes the first layer's two products, forward `x · Wᵀ` and weight
/// gradient `∂yᵀ · x` (see `SparseFirstLayer`).
public enum FirstLayerPath: String, CaseIterable, Sendable {
    /// Both products through the GEMM kernel, every entry of the input.
    case dense
    /// Both products from the entries that differ from the batch's blank value alone, however
    /// many there are.
    case sparse
    /// The sparse products when a batch is blank enough for them to pay (a fixed rule on the
    /// batch's entries, ``SparseFirstLayer/maximumDensity``, so that runs repeat bit for bit),
    /// else the dense ones.
    case automatic = "auto"
}
