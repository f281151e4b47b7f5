import MNIST
import NeuralNet
import Testing

@Suite struct NormalizedImagesTests {
    /// A batch gathered from random places in a set of several megabytes: every value is its
    /// byte's, normalized, exactly, and every label its image's.
    @Test func fillGathersEveryPixelAndLabelOfALargeSetExactly() {
        let count = 8_000  // 6.3 MB of pixels
        var generator = RandomGenerator(seed: 11)
        let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let labels = (0..<count).map { UInt8($0 % 10) }
        let normalization = Normalization(mean: 0.2, standardDeviation: 0.4)
        let data = NormalizedImages(
            LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels), normalization: normalization)

        let indices = (0..<37).map { _ in Int(generator.next() % UInt64(count)) }
        var features = [Float](repeating: .nan, count: indices.count * 784)
        var batchLabels = [Int32](repeating: -1, count: indices.count)
        indices.withUnsafeBufferPointer { data.fill(batch: $0, features: &features, labels: &batchLabels) }

        for (row, index) in indices.enumerated() {
            #expect(batchLabels[row] == Int32(labels[index]))
            for p in 0..<784 {
                let expected = Float(pixels[index * 784 + p]) * normalization.byteScale + normalization.byteOffset
                #expect(features[row * 784 + p] == expected, "image \(index), pixel \(p)")
            }
        }
    }
}
