import MNIST
import NeuralNet

/// How long preparing a training batch takes with each kind of augmentation.
enum AugmentationTiming {
    /// The median microseconds of filling `batches` batches of `batchSize` random images.
    static func microsecondsPerBatch(
        _ augmentation: Augmentation, threads: Int, batchSize: Int, data: NormalizedImages, batches: Int = 100
    ) -> Double {
        let augmented = AugmentedImages(data, augmentation: augmentation, seed: 1, threads: threads)
        let features = UnsafeMutablePointer<Float>.allocate(capacity: batchSize * data.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batchSize)
        defer {
            features.deallocate()
            labels.deallocate()
        }
        var generator = RandomGenerator(seed: 2)
        let indices = (0..<batchSize).map { _ in Int.random(in: 0..<data.count, using: &generator) }
        let times = indices.withUnsafeBufferPointer { indices in
            (0..<batches).map { _ in
                Stopwatch.seconds { augmented.fill(batch: indices, features: features, labels: labels) }
            }
        }
        return Stopwatch.median(times) * 1e6
    }
}
