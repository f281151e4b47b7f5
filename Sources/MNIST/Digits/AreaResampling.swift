/// Resizing by area averaging: each output pixel is the mean of the input area it covers,
/// input pixels partly inside counting by the fraction inside, and area outside the input
/// counting as 0. Downsampling by any factor therefore antialiases (every input pixel
/// contributes), and a large photo costs one pass over the pixels of the region.
enum AreaResampling {
    /// The input pixels an output pixel covers along one axis, with their weights.
    struct Span {
        var first: Int
        var weights: [Float]
    }

    /// For `count` output pixels of `scale` input pixels each, the first starting at input
    /// coordinate `origin`, the spans of the `limit` input pixels they cover.
    static func spans(origin: Double, scale: Double, count: Int, limit: Int) -> [Span] {
        (0..<count).map { j in
            let start = origin + Double(j) * scale
            let end = start + scale
            let first = max(0, Int(start.rounded(.down)))
            let last = min(limit, Int(end.rounded(.up)))
            guard first < last else { return Span(first: 0, weights: []) }
            let weights = (first..<last).map { i in
                Float((min(end, Double(i + 1)) - max(start, Double(i))) / scale)
            }
            return Span(first: first, weights: weights)
        }
    }

    /// A `width × height` output (row-major) whose pixels are `scale × scale` squares of the
    /// `inputWidth × inputHeight` input, the first at input coordinates (`x`, `y`).
    /// `source(x, y)` gives an input pixel.
    static func resample(
        inputWidth: Int, inputHeight: Int, x: Double, y: Double, scale: Double, width: Int, height: Int,
        source: (Int, Int) -> UInt8
    ) -> [Float] {
        let columns = spans(origin: x, scale: scale, count: width, limit: inputWidth)
        let rows = spans(origin: y, scale: scale, count: height, limit: inputHeight)
        // Horizontal pass over every input row the output covers, then vertical.
        let firstRow = rows.first { !$0.weights.isEmpty }?.first ?? 0
        let lastRow = rows.reduce(firstRow) { max($0, $1.first + $1.weights.count) }
        var narrow = [Float](repeating: 0, count: (lastRow - firstRow) * width)
        for row in firstRow..<lastRow {
            for (j, span) in columns.enumerated() {
                var sum: Float = 0
                for (k, weight) in span.weights.enumerated() { sum += weight * Float(source(span.first + k, row)) }
                narrow[(row - firstRow) * width + j] = sum
            }
        }
        var output = [Float](repeating: 0, count: height * width)
        for (i, span) in rows.enumerated() {
            for (k, weight) in span.weights.enumerated() {
                let row = (span.first + k - firstRow) * width
                for j in 0..<width { output[i * width + j] += weight * narrow[row + j] }
            }
        }
        return output
    }
}
