/// A colour bar that says what a colour map's colours mean: the map drawn left to right, with
/// a label under each end and under the middle, and a title above.
///
///     ColorLegend(title: "weight", map: .weights, labels: ("lowers the unit", "0", "raises it")).svg()
public struct ColorLegend: Sendable {
    /// The heading drawn above the bar, also the SVG's accessible title.
    public var title: String
    /// The colour map drawn along the bar, its 0 at the left end and 1 at the right.
    public var map: ColorMap
    /// The texts under the left end, the middle and the right end.
    public var labels: (low: String, middle: String, high: String)

    /// A legend for `map`; `labels` go under the bar's left end, middle and right end (empty for none).
    public init(title: String, map: ColorMap, labels: (low: String, middle: String, high: String)) {
        self.title = title
        self.map = map
        self.labels = labels
    }

    /// The legend as an SVG document `width` pixels wide and 52 high.
    public func svg(width: Double = 380) -> String {
        let (left, right, barTop, barHeight) = (6.0, width - 6, 20.0, 12.0)
        let steps = 64
        let stepWidth = (right - left) / Double(steps)
        var svg = SVG(width: width, height: 52)
        svg.text(title, x: left, y: 13, size: 12, color: .ink)
        for step in 0..<steps {
            svg.rect(
                x: left + Double(step) * stepWidth, y: barTop, width: stepWidth + 0.5, height: barHeight,
                fill: map((Double(step) + 0.5) / Double(steps)))
        }
        svg.line(x1: width / 2, y1: barTop - 3, x2: width / 2, y2: barTop + barHeight + 3, stroke: .mutedInk)
        let labelY = barTop + barHeight + 14
        svg.text(labels.low, x: left, y: labelY, size: 11, color: .mutedInk)
        svg.text(labels.middle, x: width / 2, y: labelY, size: 11, anchor: .middle, color: .mutedInk)
        svg.text(labels.high, x: right, y: labelY, size: 11, anchor: .end, color: .mutedInk)
        return svg.document(title: title)
    }
}

extension ColorLegend {
    /// The legend of first-layer weight tiles, the same on the report and the page.
    public static let weights = ColorLegend(
        title: "first-layer weights, each unit scaled to its largest", map: .weights,
        labels: ("ink lowers the unit", "0", "ink raises the unit"))

    /// The legend of hidden-unit activations, the same on the report and the page.
    public static let activations = ColorLegend(
        title: "activations after ReLU, scaled to the layer's largest", map: .activations,
        labels: ("0: did not fire", "", "fired most"))

    /// The legend of a saliency map, the same for `mnist predict --explain` and the page.
    public static let saliency = ColorLegend(
        title: "why this answer: what ink at each pixel does", map: .saliency,
        labels: ("favours the runner-up", "no effect", "favours the answer"))
}
