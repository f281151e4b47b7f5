import NeuralNet

/// The centred covariance of a set of points, accumulated in `Double`.
///
///     mean[d] = Σ rows / n        covariance[d, d] = Σ (row − mean)ᵀ · (row − mean) / (n − 1)
package struct Covariance: Sendable {
    /// The number of coordinates of a point.
    package let dimension: Int
    /// `[dimension]`: the mean point.
    package let mean: [Double]
    /// `[dimension, dimension]`, row-major and symmetric.
    package let matrix: [Double]

    /// The covariance of `points`, `[count, dimension]` row after row; at least two points.
    package init(points: [Float], dimension: Int) {
        require(dimension > 0, "dimension must be at least 1, not \(dimension)")
        require(
            points.count % dimension == 0 && points.count >= 2 * dimension,
            "points must hold at least two rows of \(dimension), not \(points.count) numbers")
        let count = points.count / dimension
        var mean = [Double](repeating: 0, count: dimension)
        for row in 0..<count {
            for j in 0..<dimension { mean[j] += Double(points[row * dimension + j]) }
        }
        for j in 0..<dimension { mean[j] /= Double(count) }
        // The upper triangle, row by row: each point adds its outer product.
        var matrix = [Double](repeating: 0, count: dimension * dimension)
        var centred = [Double](repeating: 0, count: dimension)
        for row in 0..<count {
            for j in 0..<dimension { centred[j] = Double(points[row * dimension + j]) - mean[j] }
            for i in 0..<dimension where centred[i] != 0 {
                let scale = centred[i]
                for j in i..<dimension { matrix[i * dimension + j] += scale * centred[j] }
            }
        }
        for i in 0..<dimension {
            for j in i..<dimension {
                matrix[i * dimension + j] /= Double(count - 1)
                matrix[j * dimension + i] = matrix[i * dimension + j]
            }
        }
        self.dimension = dimension
        self.mean = mean
        self.matrix = matrix
    }
}
