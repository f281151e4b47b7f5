import Charts
import MNIST

/// The map of the test set (`DigitMap`) as an SVG scatter plot: one dot per image in its true
/// class's colour (a path of dots per class) (`SeriesColor.digits`), the network's mistakes ringed in ink, a legend of
/// the classes above (the digits in one row, named classes in two), and each axis with its
/// share of the variance.
enum DigitMapChart {
    static let width = 560.0
    static let height = 470.0

    static func svg(_ map: DigitMap, classes dataSet: DataSet) -> String {
        let (columns, spacing) = dataSet.isDigits ? (10, 48.0) : (5, 96.0)
        let legendRows = dataSet.classNames.count / columns
        let (left, right, top, bottom) = (40.0, width - 12, 42 + 16 * Double(legendRows), height - 40)
        var svg = SVG(width: width, height: height)
        let title = "Where the test \(dataSet.isDigits ? "digits" : "images") land in the last hidden layer"
        svg.text(title, x: left, y: 16, size: 13, bold: true)
        for (label, name) in dataSet.classNames.enumerated() {
            let (x, y) = (left + Double(label % columns) * spacing, 36 + 16 * Double(label / columns))
            svg.dot(x: x + 4, y: y, radius: 4, fill: SeriesColor.digits[label])
            svg.text(name, x: x + 12, y: y + 4, size: 11, color: .mutedInk)
        }
        let lastRow = 36 + 16 * Double(legendRows - 1)
        svg.dot(x: left + 484, y: lastRow, radius: 4, fill: .ink, ring: true)
        svg.text("mistake", x: left + 492, y: lastRow + 4, size: 11, color: .mutedInk)
        svg.rect(x: left, y: top, width: right - left, height: bottom - top, fill: .white, stroke: .grid)

        let xs = map.points.map { Double($0.x) }
        let ys = map.points.map { Double($0.y) }
        let (xLow, xHigh) = (xs.min() ?? 0, xs.max() ?? 1)
        let (yLow, yHigh) = (ys.min() ?? 0, ys.max() ?? 1)
        func px(_ x: Double) -> Double { left + 4 + (x - xLow) / max(xHigh - xLow, 1e-9) * (right - left - 8) }
        // Up is the second axis' positive direction, as on paper.
        func py(_ y: Double) -> Double { bottom - 4 - (y - yLow) / max(yHigh - yLow, 1e-9) * (bottom - top - 8) }
        for label in dataSet.classNames.indices {
            let points = map.points.filter { $0.label == label }.map { (px(Double($0.x)), py(Double($0.y))) }
            svg.dots(points, radius: 1.6, fill: SeriesColor.digits[label])
        }
        for point in map.points where point.label != point.predicted {
            svg.dot(x: px(Double(point.x)), y: py(Double(point.y)), radius: 3.2, fill: .ink, ring: true)
        }
        let shares = map.varianceShares.map { Format.percent($0, decimals: 1) }
        svg.text(
            "first principal axis, \(shares[0]) of the variance", x: (left + right) / 2, y: height - 14, size: 12,
            anchor: .middle, color: .mutedInk)
        svg.text(
            "second principal axis, \(shares[1])", x: 16, y: (top + bottom) / 2, size: 12, anchor: .middle,
            color: .mutedInk, rotation: -90)
        return svg.document(title: title)
    }
}
