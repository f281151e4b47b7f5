import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG document, failing the test if it is not well-formed XML.
func parseSVG(_ text: String) throws -> XMLElement {
    let document = try XMLDocument(xmlString: text, options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "svg")
    return root
}

/// An attribute's text (looked up by name among all attributes, which works for elements in
/// the SVG namespace on every platform).
func attribute(_ element: XMLElement, _ name: String) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
}

func number(_ element: XMLElement, _ name: String) -> Double? {
    attribute(element, name).flatMap(Double.init)
}

@Suite struct LineChartTests {
    let chart = LineChart(
        title: #"Loss <per step> & "epoch""#,
        x: .init("epoch", minimumStep: 1),
        y: .init("loss", kind: .logarithmic),
        series: [
            .init(
                name: "per step", points: (0...100).map { .init(x: Double($0) / 50, y: 2.3 * exp(-Double($0) / 20)) },
                color: SeriesColor.training),
            .init(
                name: "per epoch", points: [.init(x: 1, y: 0.3), .init(x: 2, y: 0.05)], color: SeriesColor.validation,
                showsMarkers: true, tooltips: ["epoch 1: 0.3", "epoch 2: 0.05"]),
        ])

    @Test func isWellFormedAndKeepsTextAsText() throws {
        let root = try parseSVG(chart.svg(width: 500, height: 300))
        let texts = try root.nodes(forXPath: "//*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(texts.contains(#"Loss <per step> & "epoch""#))
        #expect(texts.contains("per step") && texts.contains("per epoch"))
        #expect(texts.contains("epoch") && texts.contains("loss"))
        #expect(texts.contains("0") && texts.contains("1") && texts.contains("2"))
        #expect(texts.contains("0.02") && texts.contains("5"))
        let tooltips = try root.nodes(forXPath: "//*[local-name()='circle']/*[local-name()='title']").map {
            $0.stringValue ?? ""
        }
        #expect(tooltips == ["epoch 1: 0.3", "epoch 2: 0.05"])
    }

    @Test func everythingIsDrawnInsideTheCanvas() throws {
        let root = try parseSVG(chart.svg(width: 500, height: 300))
        for case let element as XMLElement in try root.nodes(
            forXPath: "//*[local-name()='text' or local-name()='circle']")
        {
            let x = number(element, "x") ?? number(element, "cx") ?? -1
            let y = number(element, "y") ?? number(element, "cy") ?? -1
            #expect((0...500).contains(x) && (0...300).contains(y), "\(element.xmlString)")
        }
        for case let line as XMLElement in try root.nodes(forXPath: "//*[local-name()='polyline']") {
            let points = (attribute(line, "points") ?? "").split(separator: " ")
            #expect(!points.isEmpty)
            for point in points {
                let xy = point.split(separator: ",").compactMap { Double($0) }
                #expect(xy.count == 2 && (0...500).contains(xy[0]) && (0...300).contains(xy[1]), "\(point)")
            }
        }
    }

    @Test func pointsLandWhereTheAxesSay() throws {
        let simple = LineChart(
            title: "t", x: .init("x"), y: .init("y"),
            series: [
                .init(name: "s", points: [.init(x: 0, y: 0), .init(x: 10, y: 10)], color: .ink, showsMarkers: true)
            ])
        let root = try parseSVG(simple.svg(width: 400, height: 300))
        let circles = try root.nodes(forXPath: "//*[local-name()='circle']").compactMap { $0 as? XMLElement }
        #expect(circles.count == 3, "two points, then the legend's sample dot")
        let (first, last) = (circles[0], circles[1])
        // The axes end on ticks 0 and 10, so the points sit at the plot's corners: the x range
        // ends 8 px inside the frame, which ends 18 px from the right edge, and the x axis
        // runs 46 px above the bottom.
        #expect(number(last, "cx") == 374)
        #expect(number(first, "cy") == 254)
        #expect(try #require(number(first, "cx")) < 374 && (try #require(number(last, "cy"))) < 254)
    }
}

@Suite struct HeatmapTests {
    let heatmap = Heatmap(
        title: "Confusion", values: [[50, 2], [0, 48]], cellLabels: [["50", "2"], ["0", "48"]],
        tooltips: [["a", "b"], ["c", "d"]], rowLabels: ["0", "1"], columnLabels: ["0", "1"],
        rowTitle: "true digit", columnTitle: "predicted digit", colorScale: .logarithmic)

    @Test func cellsCarryTheirLabelsAndTooltips() throws {
        let root = try parseSVG(heatmap.svg(cellSize: 40))
        let cells = try root.nodes(forXPath: "//*[local-name()='rect'][*[local-name()='title']]").compactMap {
            $0 as? XMLElement
        }
        #expect(cells.map { $0.stringValue ?? "" } == ["a", "b", "c", "d"])
        #expect(cells.allSatisfy { number($0, "width") == 40 && number($0, "height") == 40 })
        let texts = try root.nodes(forXPath: "//*[local-name()='text']").map { $0.stringValue ?? "" }
        for label in ["Confusion", "true digit", "predicted digit", "50", "2", "0", "48"] {
            #expect(texts.contains(label), "\(label)")
        }
    }

    @Test func linearColorPositionsSpanTheValues() {
        var linear = heatmap
        linear.values = [[0, 5], [10, 10]]
        linear.colorScale = .linear
        #expect(linear.colorPositions() == [[0, 0.5], [1, 1]])
    }

    @Test func logarithmicColorPositionsKeepSmallCountsVisible() {
        var counts = heatmap
        counts.values = [[0, 9], [99, 0]]
        let positions = counts.colorPositions()
        #expect(positions[0][0] == 0 && positions[1][1] == 0)
        #expect(abs(positions[0][1] - 0.5) < 1e-12)
        #expect(abs(positions[1][0] - 1) < 1e-12)
    }

    @Test func equalValuesAllTakeTheFirstColor() {
        var flat = heatmap
        flat.values = [[3, 3], [3, 3]]
        #expect(flat.colorPositions() == [[0, 0], [0, 0]])
    }
}

@Suite struct SVGDotsTests {
    /// Each dot is a round-capped zero-length segment at its point, as wide as the dot.
    @Test func dotsAreOnePathOfZeroLengthSegments() throws {
        var svg = SVG(width: 100, height: 50)
        svg.dots([(x: 10, y: 20), (x: 30.25, y: 40.5)], radius: 1.5, fill: .ink)
        svg.dots([], radius: 1.5, fill: .ink)
        let root = try parseSVG(svg.document(title: "dots"))
        let paths = try root.nodes(forXPath: "//*[local-name()='path']").compactMap { $0 as? XMLElement }
        #expect(paths.count == 1, "no path for no points")
        #expect(attribute(paths[0], "d") == "M10 20h0M30.25 40.5h0")
        #expect(number(paths[0], "stroke-width") == 3)
        #expect(attribute(paths[0], "stroke-linecap") == "round")
        #expect(attribute(paths[0], "stroke") == Color.ink.hex)
    }
}
