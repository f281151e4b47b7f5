import MNIST
import NeuralNet
import Testing

@Suite struct NormalizedImagesTests {
    /// A set of several megabytes, large enough for `NormalizedImages` to move it onto huge
    /// pages where the system allows: every gathered value is still its byte's, exactly.
    @Test func fillGathersEveryPixelAndLabelOfALargeSetExactly() {
        let count = 8_000  // 6.3 MB of pixels: at least two whole 2 MB pages
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
