import Foundation
import Images

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report folder read back the way a browser and a spreadsheet would read it.
public struct ReportFolder {
    public let url: URL
    /// `index.html`'s text.
    public let html: String

    public init(_ url: URL) throws {
        self.url = url
        html = try String(contentsOf: url.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// Every local file the page refers to: `href="…"`, `src="…"` and CSS `url(…)`, in order,
    /// without duplicates; links to other sites and to anchors are left out.
    public var references: [String] {
        var seen: [String] = []
        for match in html.matches(of: #/(?:href|src)="([^"]*)"|url\(([^)]*)\)/#) {
            guard let target = match.output.1.map(String.init) ?? match.output.2.map(String.init) else { continue }
            if target.hasPrefix("#") || target.contains("://") || seen.contains(target) { continue }
            seen.append(target)
        }
        return seen
    }

    /// The SVG file `name`, parsed as XML (throws if it is not well-formed).
    public func svg(_ name: String) throws -> XMLDocument {
        try XMLDocument(contentsOf: url.appendingPathComponent(name), options: [])
    }

    /// The text of every `<text>` element of the SVG file `name`, in document order.
    public func svgTexts(_ name: String) throws -> [String] {
        try svg(name).nodes(forXPath: "//*[local-name()='text']").map { $0.stringValue ?? "" }
    }

    /// The PNG file `name`, decoded by libpng.
    public func png(_ name: String) throws -> PixelImage {
        try ImageFile.read(url.appendingPathComponent(name))
    }

    /// The width and height of the PNG file `name`.
    public func pngSize(_ name: String) throws -> [Int] {
        let image = try png(name)
        return [image.width, image.height]
    }

    /// The size of a report's tile sheet: 28-pixel tiles drawn twice as large, with a
    /// 2-pixel gap around each.
    public static func sheetSize(columns: Int, rows: Int) -> [Int] { [columns * 58 + 2, rows * 58 + 2] }

    /// The CSV file `name` as rows of cells (the report's CSV files quote nothing).
    public func csv(_ name: String) throws -> [[String]] {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The confusion matrix from `confusion.csv`, `[true][predicted]`.
    public func confusion() throws -> [[Int]] {
        try csv("confusion.csv").dropFirst().map { $0.dropFirst().compactMap { Int($0) } }
    }
}
