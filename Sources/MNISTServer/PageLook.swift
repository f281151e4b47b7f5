#if Server
import Charts
import Foundation

/// `GET /api/look`: the colours the page draws weights and activations with, and their
/// legends, from the definitions the report uses (`ColorMap.weights`, `ColorMap.activations`,
/// `ColorLegend`), so that the page computes no colour scale of its own. The learning curves
/// come from the server as SVG (`GET /api/train/charts/{chart}.svg`), as the report draws them.
struct PageLook: Encodable, Sendable {
    /// A colour scale as a lookup table, and its legend as an SVG document.
    struct Scale: Encodable, Sendable {
        /// `#rrggbb` colours spaced evenly over the scale.
        var palette: [String]
        var legend: String
    }

    /// 255 colours for a weight quantized to −127…127 (as `GET /api/model/first-layer` sends
    /// them): the colour of weight `q` is `palette[q + 127]`.
    var weights = Scale(palette: ColorMap.weights.palette(count: 255).map(\.hex), legend: ColorLegend.weights.svg())
    /// 256 colours for an activation scaled to 0…255 of its layer's largest.
    var activations = Scale(
        palette: ColorMap.activations.palette(count: 256).map(\.hex), legend: ColorLegend.activations.svg())

    /// The answer, encoded once.
    static let json: [UInt8] = Array((try? JSONBody.encoder.encode(PageLook())) ?? Data("{}".utf8))
}
#endif
