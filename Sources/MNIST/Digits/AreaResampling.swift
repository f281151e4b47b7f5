/// Resizing by area averaging: each output pixel is the mean of the input area it covers,
/// input pixels partly inside counting by the fraction inside, and area outside the input
/// counting as 0. Downsampling by any factor therefore antialiases (every input pixel
/// contributes), and a large photo costs one pass over the pixels of the region.
enum AreaResampling {
    /// The input pixels each output pixel covers along one axis, with their weights: output
    /// pixel j covers the input pixels from `first[j]` on, weighted by
    /// `weights[start[j]..<start[j + 1]]`. Three arrays for all of them, not one per pixel:
    /// `mnist serve` makes these on every request.
    struct Spans {
        var first: [Int] = []
        var start: [Int] = [0]
        var weights: [Float] = []

        /// For `count` output pixels of `scale` input pixels each, the first starting at input
        /// coordinate `origin`, the spans of the `limit` input pixels they cover.
        init(origin: Double, scale: Double, count: Int, limit: Int) {
            first.reserveCapacity(count)
            start.reserveCapacity(count + 1)
            weights.reserveCapacity(count * (Int(scale.rounded(.up)) + 1))
            for j in 0..<count {
                let start = origin + Double(j) * scale
                let end = start + scale
                let firstPixel = max(0, Int(start.rounded(.down)))
                let lastPixel = min(limit, Int(end.rounded(.up)))
                first.append(firstPixel < lastPixel ? firstPixel : 0)
                for i in firstPixel..<max(firstPixel, lastPixel) {
                    weights.append(Float((min(end, Double(i + 1)) - max(start, Double(i))) / scale))
                }
                self.start.append(weights.count)
            }
        }

        /// How many input pixels output pixel `j` covers.
        func count(_ j: Int) -> Int { start[j + 1] - start[j] }
    }

    /// A `width × height` output (row-major) whose pixels are `scale × scale` squares of the
    /// `inputWidth × inputHeight` input, the first at input coordinates (`x`, `y`).
    /// `source(x, y)` gives an input pixel.
    static func resample(
        inputWidth: Int, inputHeight: Int, x: Double, y: Double, scale: Double, width: Int, height: Int,
        source: (Int, Int) -> UInt8
    ) -> [Float] {
        guard width > 0, height > 0 else { return [] }
        let columns = Spans(origin: x, scale: scale, count: width, limit: inputWidth)
        let rows = Spans(origin: y, scale: scale, count: height, limit: inputHeight)
        // Horizontal pass over every input row the output covers, then vertical.
        let firstRow = (0..<height).first { rows.count($0) > 0 }.map { rows.first[$0] } ?? 0
        let lastRow = (0..<height).reduce(firstRow) { max($0, rows.first[$1] + rows.count($1)) }
        let firstColumn = (0..<width).first { columns.count($0) > 0 }.map { columns.first[$0] } ?? 0
        let lastColumn = (0..<width).reduce(firstColumn) { max($0, columns.first[$1] + columns.count($1)) }
        var narrow = [Float](repeating: 0, count: (lastRow - firstRow) * width)
        var output = [Float](repeating: 0, count: height * width)
        // Each input row is read once into `line`, as floats; the weights are then applied
        // through buffer pointers. Without a bounds check per element the vertical pass runs as
        // vector instructions (the same products and sums, in the same order).
        var line = [Float](repeating: 0, count: lastColumn - firstColumn)
        narrow.withUnsafeMutableBufferPointer { narrow in
            columns.weights.withUnsafeBufferPointer { weights in
                for row in firstRow..<lastRow {
                    line.withUnsafeMutableBufferPointer { line in
                        for x in firstColumn..<lastColumn { line[x - firstColumn] = Float(source(x, row)) }
                        for j in 0..<width {
                            let (start, first) = (columns.start[j], columns.first[j] - firstColumn)
                            var sum: Float = 0
                            for k in 0..<columns.count(j) { sum += weights[start + k] * line[first + k] }
                            narrow[(row - firstRow) * width + j] = sum
                        }
                    }
                }
            }
            output.withUnsafeMutableBufferPointer { output in
                for i in 0..<height {
                    let target = output.baseAddress! + i * width
                    for k in 0..<rows.count(i) {
                        let weight = rows.weights[rows.start[i] + k]
                        let narrowRow = narrow.baseAddress! + (rows.first[i] + k - firstRow) * width
                        for j in 0..<width { target[j] += weight * narrowRow[j] }
                    }
                }
            }
        }
        return output
    }
}
