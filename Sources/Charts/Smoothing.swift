/// Ways to make a long, noisy series readable as a line.
public enum Smoothing {
    /// The exponential moving average of `values` with smoothing `weight` in [0, 1)
    /// (0 leaves the values as they are), corrected for its start at zero so that the first
    /// points are not pulled down: `average / (1 − weightᵗ)`.
    public static func exponential(_ values: [Double], weight: Double) -> [Double] {
        precondition((0..<1).contains(weight), "the smoothing weight must be in [0, 1)")
        var average = 0.0
        var correction = 1.0
        return values.map { value in
            average = weight * average + (1 - weight) * value
            correction *= weight
            return average / (1 - correction)
        }
    }

    /// At most `maximumCount` points that stand for `values`: the mean index and mean value of
    /// consecutive, equally sized runs. A polyline of thousands of steps thus stays small
    /// without losing its shape.
    public static func bucketMeans(_ values: [Double], maximumCount: Int) -> [(index: Double, value: Double)] {
        precondition(maximumCount > 0, "at least one point")
        let size = max(1, (values.count + maximumCount - 1) / maximumCount)
        return stride(from: 0, to: values.count, by: size).map { start in
            let end = min(start + size, values.count)
            let mean = values[start..<end].reduce(0, +) / Double(end - start)
            return (Double(start + end - 1) / 2, mean)
        }
    }
}
