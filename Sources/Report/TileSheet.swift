import Charts
import Images

/// Equally sized square tiles laid out in rows on one RGB image, with a thin gap between
/// them, each pixel enlarged `scale` times (nearest neighbour, so pixels stay sharp).
struct TileSheet {
    /// Pixels of one tile before enlarging (28 for MNIST).
    let tileSize: Int
    let scale: Int
    let columns: Int
    let rows: Int
    let gap = 2
    private(set) var image: PixelImage

    static let gapColor = Color(hex: 0xD5D9DE)

    init(tileSize: Int, scale: Int = 2, columns: Int, count: Int) {
        precondition(tileSize > 0 && scale > 0 && columns > 0 && count > 0, "a tile sheet needs at least one tile")
        self.tileSize = tileSize
        self.scale = scale
        self.columns = min(columns, count)
        rows = (count + columns - 1) / columns
        let gapColor = Self.gapColor
        image = PixelImage(
            width: self.columns * (tileSize * scale + gap) + gap, height: rows * (tileSize * scale + gap) + gap,
            filledWith: [gapColor.red, gapColor.green, gapColor.blue])
    }

    /// The size of a tile on the sheet, in pixels.
    var tilePixels: Int { tileSize * scale }

    /// The top-left pixel of tile `index` (row after row).
    func origin(of index: Int) -> (x: Int, y: Int) {
        (gap + (index % columns) * (tilePixels + gap), gap + (index / columns) * (tilePixels + gap))
    }

    /// Paints tile `index` with `colors`, `tileSize × tileSize` of them, row after row.
    mutating func draw(tile index: Int, _ colors: [Color]) {
        precondition(colors.count == tileSize * tileSize, "a tile needs \(tileSize * tileSize) colours")
        let (left, top) = origin(of: index)
        let (width, size, scale, tileSize) = (image.width, tilePixels, scale, tileSize)
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<size {
                for x in 0..<size {
                    let color = colors[(y / scale) * tileSize + x / scale]
                    let offset = ((top + y) * width + left + x) * 3
                    pixels[offset] = color.red
                    pixels[offset + 1] = color.green
                    pixels[offset + 2] = color.blue
                }
            }
        }
    }
}

/// A tile sheet as the report shows it: a PNG file, and per tile an optional caption and a
/// hover text. Rows may carry labels (such as the digit of a row of samples).
struct Gallery {
    struct Tile {
        /// Its place on the sheet.
        var index: Int
        var caption: String?
        var tooltip: String
    }

    let fileName: String
    let sheet: TileSheet
    let tiles: [Tile]
    /// When given, the page keeps the sheet's rows and labels each; otherwise tiles flow.
    let rowLabels: [String]?
    /// How much larger than on the sheet the page draws the tiles.
    var displayScale = 1.0
}
