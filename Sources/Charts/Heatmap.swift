import Foundation

/// A grid of coloured cells, one per value, with an optional label in each cell, row and
/// column headings, and a title.
public struct Heatmap: Sendable {
    /// How values map onto the colour map.
    public enum ColorScale: Sendable {
        /// Linearly from the smallest to the largest value.
        case linear
        /// By `log(1 + value)`, so that small counts stay visible beside large ones.
        case logarithmic
    }

    /// The heading above the grid, also the SVG's accessible title.
    public var title: String
    /// `values[row][column]`; every row the same length.
    public var values: [[Double]]
    /// The text drawn in each cell, `[row][column]`, if any.
    public var cellLabels: [[String]]?
    /// Hover text of each cell, `[row][column]`, if any.
    public var tooltips: [[String]]?
    /// One label per row, drawn left of it.
    public var rowLabels: [String]
    /// One label per column, drawn above it.
    public var columnLabels: [String]
    /// What the rows stand for, written up the left side (such as "true digit").
    public var rowTitle: String
    /// What the columns stand for, written above the column labels.
    public var columnTitle: String
    /// The colours cells are filled with; the smallest value gets its start, the largest its end.
    public var colorMap: ColorMap
    /// Whether values are spread over `colorMap` linearly or by `log(1 + value)`.
    public var colorScale: ColorScale

    /// A heatmap of `values[row][column]`. Every row needs the same length, with one label per row and per
    /// column, and `cellLabels` and `tooltips`, when given, need one text per cell.
    public init(
        title: String, values: [[Double]], cellLabels: [[String]]? = nil, tooltips: [[String]]? = nil,
        rowLabels: [String], columnLabels: [String], rowTitle: String, columnTitle: String,
        colorMap: ColorMap = .blues, colorScale: ColorScale = .linear
    ) {
        let columns = values.first?.count ?? 0
        precondition(values.allSatisfy { $0.count == columns }, "every row needs the same number of values")
        precondition(
            rowLabels.count == values.count && columnLabels.count == columns, "one label per row and per column")
        for grid in [cellLabels, tooltips].compactMap({ $0 }) {
            precondition(grid.count == values.count && grid.allSatisfy { $0.count == columns }, "one label per cell")
        }
        self.title = title
        self.values = values
        self.cellLabels = cellLabels
        self.tooltips = tooltips
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.colorMap = colorMap
        self.colorScale = colorScale
    }

    /// Where each value falls on the colour map, in [0, 1], `[row][column]`: the smallest
    /// value at 0 and the largest at 1 (all at 0 when they are equal).
    public func colorPositions() -> [[Double]] {
        let all = values.flatMap { $0 }.filter(\.isFinite)
        guard let low = all.min(), let high = all.max(), high > low else {
            return values.map { $0.map { _ in 0 } }
        }
        let shift = 1 - min(low, 0)
        let transform: (Double) -> Double = colorScale == .linear ? { $0 } : { log($0 + shift) }
        let (from, to) = (transform(low), transform(high))
        return values.map { $0.map { (transform($0) - from) / (to - from) } }
    }

    /// The chart as an SVG document with square cells of `cellSize` pixels.
    public func svg(cellSize: Double = 40) -> String {
        let rows = values.count
        let columns = values.first?.count ?? 0
        let labelSize = 12.0
        let cellTextSize = min(13, cellSize * 0.32)
        let rowLabelWidth = rowLabels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
        let left = 14 + labelSize + 10 + rowLabelWidth + 8
        let top = 34 + labelSize + 10 + labelSize + 8
        let gridWidth = Double(columns) * cellSize
        let gridHeight = Double(rows) * cellSize
        let width = max(left + gridWidth + 18, left + TextMetrics.width(title, size: 15) + 18)
        let height = top + gridHeight + 16

        var svg = SVG(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, fill: .white)
        svg.text(title, x: left, y: 22, size: 15, bold: true)
        svg.text(columnTitle, x: left + gridWidth / 2, y: 34 + labelSize, size: labelSize, anchor: .middle)
        svg.text(rowTitle, x: 18, y: top + gridHeight / 2, size: labelSize, anchor: .middle, rotation: -90)
        for (column, label) in columnLabels.enumerated() {
            svg.text(
                label, x: left + (Double(column) + 0.5) * cellSize, y: top - 8, size: labelSize, anchor: .middle,
                color: .mutedInk)
        }
        for (row, label) in rowLabels.enumerated() {
            svg.text(
                label, x: left - 8, y: top + (Double(row) + 0.5) * cellSize + 4, size: labelSize, anchor: .end,
                color: .mutedInk)
        }
        let positions = colorPositions()
        for row in 0..<rows {
            for column in 0..<columns {
                let x = left + Double(column) * cellSize
                let y = top + Double(row) * cellSize
                let fill = colorMap(positions[row][column])
                svg.rect(
                    x: x, y: y, width: cellSize, height: cellSize, fill: fill, stroke: .white,
                    tooltip: tooltips?[row][column])
                if let label = cellLabels?[row][column], !label.isEmpty {
                    svg.text(
                        label, x: x + cellSize / 2, y: y + cellSize / 2 + cellTextSize * 0.36, size: cellTextSize,
                        anchor: .middle, color: fill.contrastingText)
                }
            }
        }
        return svg.document(title: title)
    }
}
