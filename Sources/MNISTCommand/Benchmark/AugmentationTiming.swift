import MNIST
import NeuralNet

/// How long preparing a training batch takes with each kind of augmentation, and how much ink
/// the distorted images have, which decides the first layer's path (`FirstLayerPath.automatic`).
enum AugmentationTiming {
    struct Measurement {
        /// The median microseconds of filling one batch.
        var microsecondsPerBatch: Double
        /// The share of the batches' entries that differ from the blank value.
        var inkedShare: Double
        /// The share of group-columns (groups of four rows times columns) in which some row of
        /// the group differs from the blank value: what the sparse first layer reads.
        var groupColumnShare: Double
    }

    /// Fills `batches` batches of `batchSize` random images and measures them.
    static func measure(
        _ augmentation: Augmentation, threads: Int, batchSize: Int, data: NormalizedImages, batches: Int = 100
    ) -> Measurement {
        let augmented = AugmentedImages(data, augmentation: augmentation, seed: 1, threads: threads)
        let columns = data.featureCount
        let features = UnsafeMutablePointer<Float>.allocate(capacity: batchSize * columns)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batchSize)
        defer {
            features.deallocate()
            labels.deallocate()
        }
        var generator = RandomGenerator(seed: 2)
        var (times, inked, groupColumns) = ([Double](), 0, 0)
        for _ in 0..<batches {
            let indices = (0..<batchSize).map { _ in Int.random(in: 0..<data.count, using: &generator) }
            indices.withUnsafeBufferPointer { indices in
                times.append(Stopwatch.seconds { augmented.fill(batch: indices, features: features, labels: labels) })
            }
            let blank = features[0]
            inked += (0..<batchSize * columns).count { features[$0] != blank }
            for firstRow in stride(from: 0, to: batchSize, by: 4) {
                let rows = firstRow..<min(firstRow + 4, batchSize)
                groupColumns += (0..<columns).count { column in
                    rows.contains { features[$0 * columns + column] != blank }
                }
            }
        }
        let groups = (batchSize + 3) / 4
        return Measurement(
            microsecondsPerBatch: Stopwatch.median(times) * 1e6,
            inkedShare: Double(inked) / Double(batches * batchSize * columns),
            groupColumnShare: Double(groupColumns) / Double(batches * groups * columns))
    }
}
