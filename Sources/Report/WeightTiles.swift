import Charts
import Foundation
import MNIST
import NeuralNet

/// What the first layer learned: each hidden unit's incoming weights drawn as an image the
/// size of the input in `ColorMap.weights` (red where a pixel's ink raises the unit's input,
/// blue where it lowers it), units numbered from 1 as on the page of `mnist serve`.
enum WeightTiles {
    /// The first `limit` units of `weights` (`[units, side × side]`), each scaled by its own
    /// largest magnitude so that every unit's pattern uses the whole colour range.
    static func gallery(_ weights: Matrix, side: Int, limit: Int = 64) -> Gallery {
        let units = min(limit, weights.rows)
        var sheet = TileSheet(tileSize: side, columns: 8, count: units)
        var tiles: [Gallery.Tile] = []
        for unit in 0..<units {
            let row = (0..<weights.columns).map { Double(weights[unit, $0]) }
            let largest = row.map(abs).max() ?? 0
            let scale = largest > 0 ? 0.5 / largest : 0
            sheet.draw(tile: unit, row.map { ColorMap.weights(0.5 + $0 * scale) })
            tiles.append(
                .init(
                    index: unit, caption: nil,
                    tooltip:
                        "hidden unit \(unit + 1): weights from \(Format.significant(-largest, 3)) (blue) to \(Format.significant(largest, 3)) (red)"
                ))
        }
        // Larger on the page than digits: the patterns are finer.
        return Gallery(fileName: "first-layer.png", sheet: sheet, tiles: tiles, rowLabels: nil, displayScale: 1.5)
    }
}
