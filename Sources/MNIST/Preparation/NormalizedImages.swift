import NeuralNet
import Synchronization

/// Labelled images presented to the trainer as normalized float vectors: the bytes stay as
/// they are in memory and are normalized batch by batch as they are gathered.
public struct NormalizedImages: Dataset, Sendable {
    /// The images, as bytes.
    public let images: LabelledImages
    /// How each byte becomes an input.
    public let normalization: Normalization

    /// `images`, to be normalized by `normalization` as batches are drawn.
    public init(_ images: LabelledImages, normalization: Normalization = .mnist) {
        self.images = images
        self.normalization = normalization
    }

    /// The number of images.
    public var count: Int { images.count }
    /// True: `fill` only reads the images.
    public var fillsConcurrently: Bool { true }
    /// The inputs per image, 784.
    public var featureCount: Int { images.pixelsPerImage }

    /// Writes the images at `indices`, normalized, as rows of `features` (`[indices.count, 784]`), and their labels into `labels`.
    public func fill(
        batch indices: UnsafeBufferPointer<Int>,
        features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>
    ) {
        let size = featureCount
        let (scale, offset) = (normalization.byteScale, normalization.byteOffset)
        images.pixels.withUnsafeBufferPointer { pixels in
            bringIntoCache(indices, pixels: pixels.baseAddress!)
            for (row, index) in indices.enumerated() {
                let source = pixels.baseAddress! + index * size
                let destination = features + row * size
                for p in 0..<size { destination[p] = Float(source[p]) * scale + offset }
                labels[row] = Int32(images.labels[index])
            }
        }
    }

    /// Reads one byte of every cache line of the images at `indices`, and their labels, so
    /// that the conversion after it finds them in the cache. A training batch's images lie at
    /// random in 47 MB: reads with nothing else to do overlap their waits for memory many at a
    /// time, where the conversion, with its work between reads, overlaps only a few. The sum
    /// goes to an atomic so that the compiler keeps the reads.
    private func bringIntoCache(_ indices: UnsafeBufferPointer<Int>, pixels: UnsafePointer<UInt8>) {
        let size = featureCount
        var sum: UInt8 = 0
        for index in indices {
            let start = pixels + index * size
            for offset in stride(from: 0, to: size, by: 64) { sum &+= start[offset] }
            sum &+= start[size - 1] &+ images.labels[index]
        }
        Self.readSink.store(sum, ordering: .relaxed)
    }

    private static let readSink = Atomic<UInt8>(0)
}
