/// Line charts one above the other in one SVG document, such as the loss and the accuracy of
/// several training runs. Only the first panel draws its legend: charts whose series share
/// names and colours (one per run, say) thus read as one figure with one legend on top.
public struct ChartStack: Sendable {
    /// The document's accessible title.
    public var title: String
    /// The panels, top to bottom.
    public var charts: [LineChart]

    /// A stack of `charts`, top to bottom, titled `title` for screen readers.
    public init(title: String, charts: [LineChart]) {
        self.title = title
        self.charts = charts
    }

    /// The stack as an SVG document `width` pixels wide and `panelHeight` pixels per panel.
    public func svg(width: Double = 560, panelHeight: Double = 300) -> String {
        var svg = SVG(width: width, height: panelHeight * Double(charts.count))
        for (index, chart) in charts.enumerated() {
            svg.nest(
                chart.drawing(width: width, height: panelHeight, legend: index == 0), title: chart.title,
                y: panelHeight * Double(index))
        }
        return svg.document(title: title)
    }
}
