import MNIST
import NeuralNet

/// How long preparing a training batch takes with each kind of augmentation, and how much ink
/// the distorted images have, which decides the first layer's path (`FirstLayerPath.automatic`).
enum AugmentationTiming {
    struct Measurement {
        /// The median microseconds of filling one batch.
        var microsecondsPerBatch: Double
        /// The batches' mean `BatchInk` shares.
        var inkedShare: Double
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
        var (times, inked, groupColumns) = ([Double](), 0.0, 0.0)
        for _ in 0..<batches {
            let indices = (0..<batchSize).map { _ in Int.random(in: 0..<data.count, using: &generator) }
            indices.withUnsafeBufferPointer { indices in
                times.append(Stopwatch.seconds { augmented.fill(batch: indices, features: features, labels: labels) })
            }
            let ink = BatchInk(features, rows: batchSize, columns: columns, base: features[0])
            inked += ink.inkedShare
            groupColumns += ink.groupColumnShare
        }
        return Measurement(
            microsecondsPerBatch: Stopwatch.median(times) * 1e6, inkedShare: inked / Double(batches),
            groupColumnShare: groupColumns / Double(batches))
    }
}
