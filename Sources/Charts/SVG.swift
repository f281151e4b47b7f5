/// Builds an SVG document element by element. Text stays text (selectable, crisp at any
/// zoom) and is always escaped; numbers are written with at most two decimals.
public struct SVG: Sendable {
    /// Which point of a text's baseline sits at its position: SVG's `text-anchor`.
    public enum Anchor: String, Sendable {
        /// The text begins at its position and runs right (left-aligned).
        case start
        /// The text is centred on its position.
        case middle
        /// The text ends at its position (right-aligned), as for y-axis tick labels.
        case end
    }

    /// The document's width in pixels (user units of its `viewBox`).
    public let width: Double
    /// The document's height in pixels, y growing downwards from the top edge.
    public let height: Double
    private var elements: [String] = []

    /// The font stack for every chart: whatever sans-serif the reader's system has.
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"

    /// An empty document `width × height` pixels large; add elements, then call `document(title:)`.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A filled rectangle, with an optional outline and tooltip.
    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: Color, stroke: Color? = nil, tooltip: String? = nil
    ) {
        var attributes =
            "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill.hex)\""
        if let stroke { attributes += " stroke=\"\(stroke.hex)\"" }
        append("rect", attributes, tooltip: tooltip)
    }

    /// A straight line; `dash` is an SVG dash pattern such as `"4 3"`.
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: Color, width: Double = 1, dash: String? = nil
    ) {
        var attributes =
            "x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke.hex)\" stroke-width=\"\(n(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        append("line", attributes)
    }

    /// An open polyline through `points`, with round joins.
    public mutating func polyline(
        _ points: [(x: Double, y: Double)], stroke: Color, width: Double = 1.5, opacity: Double = 1
    ) {
        guard !points.isEmpty else { return }
        let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        var attributes =
            "points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke.hex)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if opacity < 1 { attributes += " stroke-opacity=\"\(n(opacity))\"" }
        append("polyline", attributes)
    }

    /// Many dots of one colour and radius as a single path, a round cap on each zero-length
    /// segment (`M x y h0`): a quarter of the size of a circle element per dot, for scatter
    /// plots of thousands of points.
    public mutating func dots(_ points: [(x: Double, y: Double)], radius: Double, fill: Color) {
        guard !points.isEmpty else { return }
        let moves = points.map { "M\(n($0.x)) \(n($0.y))h0" }.joined()
        append(
            "path",
            "d=\"\(moves)\" stroke=\"\(fill.hex)\" stroke-width=\"\(n(2 * radius))\" stroke-linecap=\"round\" fill=\"none\""
        )
    }

    /// A filled circle with a white outline, with an optional tooltip.
    public mutating func circle(x: Double, y: Double, radius: Double, fill: Color, tooltip: String? = nil) {
        append(
            "circle",
            "cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill.hex)\" stroke=\"#ffffff\" stroke-width=\"1.5\"",
            tooltip: tooltip)
    }

    /// A plain filled circle without an outline, for the many points of a scatter plot;
    /// with `ring`, an unfilled circle outlined in `fill` instead, to mark a point.
    public mutating func dot(x: Double, y: Double, radius: Double, fill: Color, ring: Bool = false) {
        let paint =
            ring ? "fill=\"none\" stroke=\"\(fill.hex)\" stroke-width=\"1.2\"" : "fill=\"\(fill.hex)\""
        append("circle", "cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" \(paint)")
    }

    /// Text whose baseline's `anchor` point sits at (`x`, `y`); `rotation` in degrees turns
    /// it about that point (−90 reads bottom to top).
    public mutating func text(
        _ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, color: Color = .ink,
        bold: Bool = false, rotation: Double = 0
    ) {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(color.hex)\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"600\"" }
        if rotation != 0 { attributes += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        elements.append("<text \(attributes)>\(Markup.escaped(text))</text>")
    }

    /// The whole document: an `<svg>` element that is valid both as a file of its own and
    /// inline in HTML. `title` names it for screen readers.
    public func document(title: String) -> String {
        let header =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"\(Markup.escaped(Self.fontFamily))\" role=\"img\">"
        return ([header, "<title>\(Markup.escaped(title))</title>"] + elements + ["</svg>"]).joined(separator: "\n")
            + "\n"
    }

    /// Places `panel`, a drawing of its own, with its top-left corner at (0, `y`), as a nested
    /// `<svg>` element titled `title`.
    mutating func nest(_ panel: SVG, title: String, y: Double) {
        elements.append(
            "<svg y=\"\(n(y))\" width=\"\(n(panel.width))\" height=\"\(n(panel.height))\" viewBox=\"0 0 \(n(panel.width)) \(n(panel.height))\">"
        )
        elements.append("<title>\(Markup.escaped(title))</title>")
        elements += panel.elements
        elements.append("</svg>")
    }

    private mutating func append(_ name: String, _ attributes: String, tooltip: String? = nil) {
        if let tooltip {
            elements.append("<\(name) \(attributes)><title>\(Markup.escaped(tooltip))</title></\(name)>")
        } else {
            elements.append("<\(name) \(attributes)/>")
        }
    }

    private func n(_ value: Double) -> String { Markup.number(value) }
}

/// Rough text metrics for layout, since an SVG writer cannot measure fonts: the average
/// advance of a sans-serif character is a little over half the font size.
public enum TextMetrics {
    /// The estimated width in pixels of `text` at font size `size`: 0.58 × size per character.
    public static func width(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.58 }
}
