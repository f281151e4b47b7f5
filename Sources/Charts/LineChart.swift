/// A line chart of one or more series over shared axes, with a title, axis labels, round
/// ticks, grid lines and a legend above the plot (where it cannot cover the data).
public struct LineChart: Sendable {
    /// One data point, in data units (not pixels).
    public struct Point: Sendable, Equatable {
        /// The horizontal value, such as an epoch or a step.
        public var x: Double
        /// The vertical value; on a logarithmic axis points with `y` ≤ 0 are left out.
        public var y: Double
        /// A point at (`x`, `y`) in data units.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One named line (or row of dots) and how it is drawn.
    public struct Series: Sendable {
        /// The series' name in the legend.
        public var name: String
        /// The points, joined in this order (sort them by `x` for an ordinary curve).
        public var points: [Point]
        /// The colour of the line, the markers and the legend entry.
        public var color: Color
        /// The line's width in pixels; 0 draws no line (markers only, if `showsMarkers`).
        public var lineWidth: Double
        /// The line's opacity, 0 (invisible) to 1 (opaque); markers stay opaque.
        public var opacity: Double
        /// Draw a dot at each point (for few, measured points such as one per epoch). With a
        /// `lineWidth` of 0 the series is dots only.
        public var showsMarkers: Bool
        /// One hover text per point, shown on its marker.
        public var tooltips: [String]?

        /// A series of `points` drawn in `color`; `tooltips`, when given, needs one text per point.
        public init(
            name: String, points: [Point], color: Color, lineWidth: Double = 2, opacity: Double = 1,
            showsMarkers: Bool = false, tooltips: [String]? = nil
        ) {
            precondition(tooltips == nil || tooltips!.count == points.count, "one tooltip per point")
            self.name = name
            self.points = points
            self.color = color
            self.lineWidth = lineWidth
            self.opacity = opacity
            self.showsMarkers = showsMarkers
            self.tooltips = tooltips
        }
    }

    /// What an axis shows and how its scale is chosen.
    public struct Axis: Sendable {
        /// The axis title, under the x axis or up the left of the y axis.
        public var label: String
        /// Linear or logarithmic (powers of ten evenly spaced).
        public var kind: Scale.Kind
        /// Values the axis covers besides the data, such as 0.
        public var including: [Double]
        /// The smallest tick step: 1 for whole numbers such as epochs.
        public var minimumStep: Double

        /// An axis titled `label`, covering the data plus `including` (such as 0), with ticks at least
        /// `minimumStep` apart (1 for epochs).
        public init(_ label: String, kind: Scale.Kind = .linear, including: [Double] = [], minimumStep: Double = 0) {
            self.label = label
            self.kind = kind
            self.including = including
            self.minimumStep = minimumStep
        }
    }

    /// The heading above the plot, also the SVG's accessible title.
    public var title: String
    /// The horizontal axis, scaled to cover every point's `x` and its `including` values.
    public var x: Axis
    /// The vertical axis, scaled to cover every point's `y` and its `including` values.
    public var y: Axis
    /// The series, drawn in order (later ones on top) and listed in this order in the legend.
    public var series: [Series]

    /// A chart of `series` over the axes `x` and `y`, each axis scaled to cover every series' points.
    public init(title: String, x: Axis, y: Axis, series: [Series]) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
    }

    /// The chart as an SVG document `width × height` pixels large.
    public func svg(width: Double = 560, height: Double = 340) -> String {
        drawing(width: width, height: height).document(title: title)
    }

    /// The chart drawn `width × height` pixels large; without `legend`, the plot takes the
    /// legend's room (for a panel under one that shows the same legend, `ChartStack`).
    func drawing(width: Double, height: Double, legend showsLegend: Bool = true) -> SVG {
        let tickSize = 11.0
        let labelSize = 12.0
        let right = 18.0
        // Points at the ends of the x range stay clear of the frame.
        let inset = 8.0
        var yScale = Scale(
            kind: y.kind, covering: series.flatMap { $0.points.map(\.y) }, including: y.including, tickCount: 5)
        let tickWidth = yScale.labels.map { TextMetrics.width($0, size: tickSize) }.max() ?? 0
        let left = 14 + labelSize + 8 + tickWidth + 8
        let legend =
            showsLegend ? legendLayout(maxWidth: width - right - left, size: labelSize) : (items: [], rows: 0)
        let top = 34 + Double(legend.rows) * 18 + 10
        let bottom = height - 46
        yScale.start = bottom
        yScale.end = top
        let xScale = Scale(
            kind: x.kind, covering: series.flatMap { $0.points.map(\.x) }, including: x.including,
            tickCount: max(2, Int((width - left - right) / 80)), minimumStep: x.minimumStep,
            start: left + inset, end: width - right - inset)

        var svg = SVG(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, fill: .white)
        svg.text(title, x: left, y: 22, size: 15, bold: true)

        for (tick, label) in zip(yScale.ticks, yScale.labels) {
            let y = yScale(tick)
            svg.line(x1: left, y1: y, x2: width - right, y2: y, stroke: .grid)
            svg.text(label, x: left - 8, y: y + 4, size: tickSize, anchor: .end, color: .mutedInk)
        }
        for (tick, label) in zip(xScale.ticks, xScale.labels) {
            let x = xScale(tick)
            svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: .grid)
            svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: .mutedInk)
            svg.text(label, x: x, y: bottom + 18, size: tickSize, anchor: .middle, color: .mutedInk)
        }
        svg.line(x1: left, y1: bottom, x2: width - right, y2: bottom, stroke: .mutedInk)
        svg.line(x1: left, y1: top, x2: left, y2: bottom, stroke: .mutedInk)
        svg.text(x.label, x: (left + width - right) / 2, y: height - 10, size: labelSize, anchor: .middle)
        svg.text(y.label, x: 18, y: (top + bottom) / 2, size: labelSize, anchor: .middle, rotation: -90)

        for line in series {
            let visible = line.points.indices.filter { y.kind == .linear || line.points[$0].y > 0 }
            let positions = visible.map { (x: xScale(line.points[$0].x), y: yScale(line.points[$0].y)) }
            if line.lineWidth > 0 {
                svg.polyline(positions, stroke: line.color, width: line.lineWidth, opacity: line.opacity)
            }
            if line.showsMarkers {
                for (index, position) in zip(visible, positions) {
                    svg.circle(
                        x: position.x, y: position.y, radius: 3.5, fill: line.color, tooltip: line.tooltips?[index])
                }
            }
        }

        for item in legend.items {
            let y = 34 + Double(item.row) * 18
            if item.series.lineWidth > 0 {
                svg.line(
                    x1: left + item.x, y1: y, x2: left + item.x + 18, y2: y, stroke: item.series.color,
                    width: max(2, item.series.lineWidth))
            }
            if item.series.showsMarkers { svg.circle(x: left + item.x + 9, y: y, radius: 3.5, fill: item.series.color) }
            svg.text(item.series.name, x: left + item.x + 24, y: y + 4, size: labelSize, color: .ink)
        }
        return svg
    }

    /// Places legend entries left to right, wrapping onto new rows when one is full.
    private func legendLayout(maxWidth: Double, size: Double) -> (
        items: [(series: Series, x: Double, row: Int)], rows: Int
    ) {
        var items: [(series: Series, x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for line in series {
            let itemWidth = 24 + TextMetrics.width(line.name, size: size) + 18
            if x > 0 && x + itemWidth > maxWidth {
                x = 0
                row += 1
            }
            items.append((line, x, row))
            x += itemWidth
        }
        return (items, series.isEmpty ? 0 : row + 1)
    }
}
