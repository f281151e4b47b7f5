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
            // Plain loops over the buffer: the tests' debug build does not optimize this module.
            let blank = features[0]
            for index in 0..<batchSize * columns where features[index] != blank { inked += 1 }
            for firstRow in stride(from: 0, to: batchSize, by: 4) {
                let lastRow = min(firstRow + 4, batchSize)
                for column in 0..<columns {
                    var row = firstRow
                    while row < lastRow && features[row * columns + column] == blank { row += 1 }
                    if row < lastRow { groupColumns += 1 }
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
