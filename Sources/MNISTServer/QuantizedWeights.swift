#if Server

/// A row of weights as the page draws it with the `weights` palette of `GET /api/look`: each
/// weight scaled to −127…127 of the row's largest magnitude, `weight ≈ scale × q / 127`.
/// `GET /api/model/first-layer` and the step mode's units (`TrainingStep`) send weights so.
struct QuantizedWeights: Encodable, Sendable, Equatable {
    /// The row's largest magnitude (0 for a row of zeros, whose weights are all 0).
    var scale: Float
    /// Each weight as −127…127.
    var weights: [Int8]

    init(_ row: some Collection<Float>) {
        let scale = row.map(abs).max() ?? 0
        self.scale = scale
        weights = row.map { scale > 0 ? Int8(($0 / scale * 127).rounded()) : 0 }
    }
}
#endif
