/// A continuous colour scale: colours spaced evenly over [0, 1], blended linearly between.
public struct ColorMap: Sendable {
    /// The colours, at least two: the first at 0, the last at 1, the rest evenly between.
    public let stops: [Color]

    /// A map through `stops` in order, spaced evenly over [0, 1]; it needs at least two colours.
    public init(_ stops: [Color]) {
        precondition(stops.count >= 2, "a colour map needs at least two colours")
        self.stops = stops
    }

    /// The colour at `t`, clamped to [0, 1]; NaN maps to the first colour.
    public func callAsFunction(_ t: Double) -> Color {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], position - Double(index))
    }

    /// `count` colours spaced evenly from the map's start to its end, for a client that looks
    /// colours up instead of blending them (the page of `mnist serve`).
    public func palette(count: Int) -> [Color] {
        precondition(count >= 2, "a palette has at least two colours")
        return (0..<count).map { self(Double($0) / Double(count - 1)) }
    }

    /// How strongly units fired (activations after ReLU): `blues`, darker for more.
    public static let activations = blues

    /// A weight, scaled so that ±the largest magnitude maps to 0 and 1: `blueWhiteRed`, red
    /// where an inked pixel raises the unit, blue where it lowers it, white where it does not
    /// matter. The report and the page draw weights with it.
    public static let weights = blueWhiteRed

    /// A pixel's saliency, scaled so that ±the largest magnitude maps to 0 and 1:
    /// `blueWhiteRed`, red where ink pushes the network toward its answer, blue where it
    /// pushes toward the runner-up. `mnist predict --explain` and the page draw it.
    public static let saliency = blueWhiteRed

    /// Sequential, from near-white to deep blue: more is darker.
    public static let blues = ColorMap([
        Color(hex: 0xF4F8FC), Color(hex: 0xBCD5EC), Color(hex: 0x6FA3D3), Color(hex: 0x2A6AB0), Color(hex: 0x0D3468),
    ])

    /// Diverging around its middle: blue below, white at the centre, red above.
    public static let blueWhiteRed = ColorMap([
        Color(hex: 0x1B4F91), Color(hex: 0x78A7D6), Color(hex: 0xF7F7F7), Color(hex: 0xE08A70), Color(hex: 0x9B1C26),
    ])
}

/// The colours of the report's data series, so that the same thing has the same colour in
/// every chart.
public enum SeriesColor {
    /// Training measurements (blue): per-epoch loss and accuracy, and the smoothed per-step loss.
    public static let training = Color(hex: 0x2A6AB0)
    /// A light blue for the raw per-step training loss, drawn thin under the smoothed curve.
    public static let trainingLight = Color(hex: 0xA9C6E6)
    /// Ten colours told apart on a white background, for series that stand for categories:
    /// the digits of the map of the test set, the training runs compared on the page.
    public static let categorical: [Color] = [
        0x1F6FB4, 0xF28E2B, 0x2CA02C, 0xD62728, 0x8C62BF, 0x8C564B, 0xE377C2, 0x6B6B6B, 0xB8B01C, 0x17B4C8,
    ].map { Color(hex: $0) }
    /// One colour per digit 0 to 9 (`categorical`): the map of the test set colours its points
    /// by digit with them, on the report and on the page.
    public static let digits = categorical
    /// Validation measurements (orange).
    public static let validation = Color(hex: 0xE0731F)
    /// The test set's final accuracy (green).
    public static let test = Color(hex: 0x2E9A4E)
}
