import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ChartStackTests {
    /// Two panels whose series share names and colours, as the page's comparison of runs has.
    static func panel(_ title: String, kind: Scale.Kind, values: (Double) -> Double) -> LineChart {
        LineChart(
            title: title, x: .init("epoch", minimumStep: 1), y: .init(title, kind: kind),
            series: ["run A", "run B"].enumerated().map { index, name in
                .init(
                    name: name, points: (1...4).map { .init(x: Double($0), y: values(Double($0 + index))) },
                    color: SeriesColor.categorical[index])
            })
    }

    let stack = ChartStack(
        title: "Runs & more",
        charts: [
            panel("loss", kind: .logarithmic) { 2 / $0 }, panel("accuracy", kind: .linear) { 80 + $0 },
        ])

    @Test func panelsStackInOneDocumentWithOneLegend() throws {
        let root = try parseSVG(stack.svg(width: 400, panelHeight: 250))
        #expect(number(root, "height") == 500 && number(root, "width") == 400)
        let title = try root.nodes(forXPath: "*[local-name()='title']").map { $0.stringValue ?? "" }
        #expect(title == ["Runs & more"])
        let panels = try root.nodes(forXPath: "*[local-name()='svg']").compactMap { $0 as? XMLElement }
        #expect(panels.map { number($0, "y") } == [0, 250])
        #expect(panels.map { number($0, "height") } == [250, 250])
        for (panel, name) in zip(panels, ["loss", "accuracy"]) {
            let texts = try panel.nodes(forXPath: ".//*[local-name()='text']").map { $0.stringValue ?? "" }
            #expect(texts.contains(name))
            // One line per series in each panel, in the series' colours.
            let strokes = try panel.nodes(forXPath: ".//*[local-name()='polyline']").compactMap {
                attribute($0 as! XMLElement, "stroke")
            }
            #expect(strokes == SeriesColor.categorical.prefix(2).map(\.hex))
        }
        // The legend, on top, names each series once.
        let names = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue).filter {
            $0.hasPrefix("run ")
        }
        #expect(names == ["run A", "run B"])
    }

    @Test func theLowerPanelsPlotTakesTheLegendsRoom() throws {
        let root = try parseSVG(stack.svg(width: 400, panelHeight: 250))
        let panels = try root.nodes(forXPath: "*[local-name()='svg']").compactMap { $0 as? XMLElement }
        // The plot's top edge: where the vertical lines down to its bottom (250 − 46) start.
        let tops = try panels.map { panel in
            try panel.nodes(forXPath: "*[local-name()='line']").compactMap { node -> Double? in
                let line = node as! XMLElement
                guard number(line, "x1") == number(line, "x2"), number(line, "y2") == 204 else { return nil }
                return number(line, "y1")
            }.min() ?? 0
        }
        #expect(tops[1] < tops[0], "\(tops)")
    }
}
