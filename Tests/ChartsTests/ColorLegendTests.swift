import Testing

@testable import Charts

/// The legends and palettes that the report and the page of `mnist serve` share.
@Suite struct ColorLegendTests {
    @Test func aPaletteSpansTheMapEvenly() {
        let palette = ColorMap.weights.palette(count: 255)
        #expect(palette.count == 255)
        #expect(palette.first == ColorMap.weights(0) && palette.last == ColorMap.weights(1))
        #expect(palette[127] == ColorMap.weights(0.5) && palette[127] == Color(hex: 0xF7F7F7))
        #expect(palette[200] == ColorMap.weights(200 / 254))
    }

    @Test func theWeightsAreRedWhereInkRaisesTheUnit() {
        let raises = ColorMap.weights(1)
        let lowers = ColorMap.weights(0)
        #expect(raises.red > raises.blue && lowers.blue > lowers.red)
    }

    @Test func aLegendDrawsItsMapTitleAndLabels() {
        let svg = ColorLegend(title: "weights & more", map: .weights, labels: ("low", "mid", "high")).svg(width: 300)
        #expect(svg.hasPrefix("<svg") && svg.contains("width=\"300\""))
        #expect(svg.contains(">weights &amp; more</text>"))
        for label in ["low", "mid", "high"] { #expect(svg.contains(">\(label)</text>")) }
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 64)
        #expect(svg.contains(ColorMap.weights(0.5 / 64).hex) && svg.contains(ColorMap.weights(63.5 / 64).hex))
    }
}
