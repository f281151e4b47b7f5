import Dispatch
import NeuralNet

/// Training images distorted afresh each time the trainer draws them (see `Augmentation`),
/// then normalized like `NormalizedImages`.
///
/// Image number `n` drawn in a run gets its own generator, seeded from the run's seed and `n`,
/// so a seed fixes every distortion, however many threads prepare the batch.
public final class AugmentedImages: TrainingData, @unchecked Sendable {
    public let images: NormalizedImages
    public let augmentation: Augmentation
    public let ranges: DistortionRanges
    private let seed: UInt64
    /// Images drawn so far.
    private var drawn: UInt64 = 0
    /// The buffers of each thread that prepares part of a batch.
    private var workspaces: [Workspace]

    private struct Workspace {
        var field: ElasticField
        var warp: ImageWarp
    }

    /// - Parameter threads: how many threads prepare each batch (the parts of a batch are
    ///   independent; the result does not depend on this).
    public init(
        _ images: NormalizedImages, augmentation: Augmentation, ranges: DistortionRanges = .standard,
        seed: UInt64, threads: Int = 1
    ) {
        precondition(threads >= 1, "at least one thread prepares the batches")
        self.images = images
        self.augmentation = augmentation
        self.ranges = ranges
        self.seed = seed
        let (width, height) = (images.images.width, images.images.height)
        workspaces = (0..<threads).map { _ in
            Workspace(
                field: ElasticField(width: width, height: height, sigma: ranges.elasticSigma),
                warp: ImageWarp(width: width, height: height))
        }
    }

    public var count: Int { images.count }
    public var featureCount: Int { images.featureCount }

    public func fill(
        batch indices: UnsafeBufferPointer<Int>,
        features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>
    ) {
        guard augmentation != .none else { return images.fill(batch: indices, features: features, labels: labels) }
        let first = drawn
        drawn += UInt64(indices.count)
        let parts = min(workspaces.count, indices.count)
        if parts <= 1 {
            fill(indices, firstDraw: first, features: features, labels: labels, workspace: &workspaces[0])
            return
        }
        nonisolated(unsafe) let (indices, features, labels) = (indices, features, labels)
        workspaces.withUnsafeMutableBufferPointer { workspaces in
            nonisolated(unsafe) let workspaces = workspaces
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = indices.count * part / parts..<indices.count * (part + 1) / parts
                fill(
                    UnsafeBufferPointer(rebasing: indices[range]), firstDraw: first + UInt64(range.lowerBound),
                    features: features + range.lowerBound * featureCount, labels: labels + range.lowerBound,
                    workspace: &workspaces[part])
            }
        }
    }

    private func fill(
        _ indices: UnsafeBufferPointer<Int>, firstDraw: UInt64,
        features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>, workspace: inout Workspace
    ) {
        let source = images.images
        let size = featureCount
        let normalization = images.normalization
        source.pixels.withUnsafeBufferPointer { pixels in
            for (row, index) in indices.enumerated() {
                var generator = RandomGenerator(seed: seed ^ (firstDraw + UInt64(row)) &* 0x9E37_79B9_7F4A_7C15)
                let map = AffineMap.random(in: ranges, using: &generator)
                let image = pixels.baseAddress! + index * size
                let destination = features + row * size
                if augmentation == .elastic {
                    workspace.field.draw(alpha: ranges.elasticAlpha, using: &generator)
                    let field = workspace.field
                    field.dx.withUnsafeBufferPointer { dx in
                        field.dy.withUnsafeBufferPointer { dy in
                            workspace.warp.resample(
                                image, map: map,
                                displacement: .init(dx: dx.baseAddress!, dy: dy.baseAddress!, stride: field.stride),
                                scale: normalization.byteScale, offset: normalization.byteOffset, into: destination)
                        }
                    }
                } else {
                    workspace.warp.resample(
                        image, map: map, displacement: nil,
                        scale: normalization.byteScale, offset: normalization.byteOffset, into: destination)
                }
                labels[row] = Int32(source.labels[index])
            }
        }
    }
}
