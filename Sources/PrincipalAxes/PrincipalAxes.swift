import NeuralNet

/// The directions along which a set of points varies most (principal component analysis):
/// the eigenvectors of their centred covariance with the largest eigenvalues. Projecting a
/// point on the first two draws the set as a map.
///
/// An eigenvector's sign is arbitrary, so each axis is turned to make its largest-magnitude
/// coordinate positive: any solver, or another implementation (NumPy), then gives the same
/// axes, and a model's map always has the same orientation.
package struct PrincipalAxes: Sendable {
    /// `[dimension]`: the mean point, subtracted before projecting.
    package let mean: [Float]
    /// `count` unit vectors of `dimension` coordinates, the one of the largest variance first.
    package let axes: [[Float]]
    /// The share of the total variance along each axis, 0 to 1.
    package let varianceShares: [Double]

    /// The first `count` principal axes of `points`, `[rows, dimension]` row after row.
    package init(points: [Float], dimension: Int, count: Int = 2, solver: EigenSolver = .preferred) {
        require(count >= 1 && count <= dimension, "count must be 1 to \(dimension), not \(count)")
        let covariance = Covariance(points: points, dimension: dimension)
        let (values, vectors) = solver.decompose(covariance.matrix, size: dimension)
        let total = values.reduce(0) { $0 + max($1, 0) }
        let largest = (0..<count).map { dimension - 1 - $0 }  // ascending order: the last are largest
        mean = covariance.mean.map(Float.init)
        axes = largest.map { Self.signed(vectors[$0]).map(Float.init) }
        varianceShares = largest.map { total > 0 ? max(values[$0], 0) / total : 0 }
    }

    /// `vector`, or its opposite, whichever has its largest-magnitude coordinate positive.
    static func signed(_ vector: [Double]) -> [Double] {
        let largest = vector.indices.max { abs(vector[$0]) < abs(vector[$1]) } ?? 0
        return vector[largest] < 0 ? vector.map { -$0 } : vector
    }

    /// The coordinates of `point` (`[dimension]`) along each axis, from the mean.
    package func project(_ point: some Collection<Float>) -> [Float] {
        require(point.count == mean.count, "point must have \(mean.count) coordinates, not \(point.count)")
        return axes.map { axis in
            var sum: Float = 0
            for (index, value) in point.enumerated() { sum += (value - mean[index]) * axis[index] }
            return sum
        }
    }
}
