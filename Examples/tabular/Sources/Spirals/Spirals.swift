import Foundation
import NeuralNet

/// Points on the arms of interleaved spirals in the plane, each labelled with its arm: a data
/// set that a straight line cannot separate, made in code instead of read from files.
///
/// Arm `c` of `arms` turns `turns` times around the origin, starting at angle 2πc/arms; a point
/// at fraction `t` along it lies at radius `t`, moved by Gaussian noise of `noise` in each
/// coordinate. The features are the point's two coordinates, which lie in about [-1, 1].
public struct Spirals: Dataset {
    /// The number of arms, and of classes.
    public let arms: Int
    /// The points as `x, y` pairs, `[count, 2]`.
    public let coordinates: [Float]
    /// The arm of each point, in 0..<arms.
    public let labels: [Int32]

    /// `count` points spread evenly over the arms (arm by arm in turn), drawn from `seed`.
    public init(count: Int, arms: Int = 3, turns: Double = 1.5, noise: Double = 0.02, seed: UInt64) {
        precondition(count > 0, "count must be positive, not \(count)")
        precondition(arms >= 2, "arms must be at least 2, not \(arms)")
        var generator = RandomGenerator(seed: seed)
        var coordinates: [Float] = []
        coordinates.reserveCapacity(2 * count)
        var labels: [Int32] = []
        labels.reserveCapacity(count)
        for index in 0..<count {
            let arm = index % arms
            let t = generator.nextUnitDouble()
            let angle = 2 * Double.pi * (turns * t + Double(arm) / Double(arms))
            let x = t * cos(angle) + generator.nextNormal(standardDeviation: noise)
            let y = t * sin(angle) + generator.nextNormal(standardDeviation: noise)
            coordinates += [Float(x), Float(y)]
            labels.append(Int32(arm))
        }
        self.arms = arms
        self.coordinates = coordinates
        self.labels = labels
    }

    // MARK: Dataset

    public var count: Int { labels.count }
    public var featureCount: Int { 2 }

    public func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels batchLabels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            features[2 * row] = coordinates[2 * index]
            features[2 * row + 1] = coordinates[2 * index + 1]
            batchLabels[row] = labels[index]
        }
    }
}
