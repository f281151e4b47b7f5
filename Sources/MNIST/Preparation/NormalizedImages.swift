import NeuralNet

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
            for (row, index) in indices.enumerated() {
                let source = pixels.baseAddress! + index * size
                let destination = features + row * size
                for p in 0..<size { destination[p] = Float(source[p]) * scale + offset }
                labels[row] = Int32(images.labels[index])
            }
        }
    }
}
