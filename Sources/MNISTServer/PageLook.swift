#if Server
import Charts
import Foundation

/// `GET /api/look`: the colours the page draws weights, activations, saliency and the map's
/// digits with, and their legends, from the definitions the report and `mnist predict
/// --explain` use (`ColorMap`, `ColorLegend`, `SeriesColor.digits`), so that the page computes no colour scale of its own. The learning curves
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

    /// 255 colours for a pixel's saliency scaled to −127…127 of the drawing's largest
    /// magnitude: the colour of `q` is `palette[q + 127]` (red toward the answer, blue toward
    /// the runner-up).
    var saliency = Scale(palette: ColorMap.saliency.palette(count: 255).map(\.hex), legend: ColorLegend.saliency.svg())
    /// The colour of each digit 0 to 9 on the map of the test set, as the report draws it.
    var digits = SeriesColor.digits.map(\.hex)

    /// The answer, encoded once.
    static let json: [UInt8] = Array((try? JSONBody.encoder.encode(PageLook())) ?? Data("{}".utf8))
}
#endif
