import NeuralNet

/// Labelled images presented to the trainer as normalized float vectors: the bytes stay as
/// they are in memory and are normalized batch by batch as they are gathered.
public struct NormalizedImages: Dataset, Sendable {
    public let images: LabelledImages
    public let normalization: Normalization

    public init(_ images: LabelledImages, normalization: Normalization = .mnist) {
        self.images = images
        self.normalization = normalization
    }

    public var count: Int { images.count }
    public var featureCount: Int { images.pixelsPerImage }

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
