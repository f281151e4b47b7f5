import Dispatch
import NeuralNet

/// Training images distorted afresh each time the trainer draws them (see `Augmentation`),
/// then normalized like `NormalizedImages`.
///
/// Image number `n` drawn in a run gets its own generator, seeded from the run's seed and `n`,
/// so a seed fixes every distortion, however many threads prepare the batch.
public final class AugmentedImages: Dataset {
    /// The undistorted images and their normalization.
    public let images: NormalizedImages
    /// Which distortions are applied.
    public let augmentation: Augmentation
    /// How strong each distortion may be.
    public let ranges: DistortionRanges
    private let seed: UInt64
    /// Images drawn so far.
    private var drawn: UInt64 = 0
    /// The elastic fields of the batch being prepared (nil without elastic distortion).
    private let elasticFields: ElasticFields?
    /// The affine map of each image of the batch being prepared.
    private var maps: [AffineMap] = []
    /// How many threads prepare each batch, and a resampler for each.
    private let threads: Int
    private var warps: [ImageWarp]

    /// Training images distorted as `augmentation` says.
    ///
    /// - Parameters:
    ///   - images: the undistorted images and their normalization.
    ///   - augmentation: which distortions to apply.
    ///   - ranges: how strong each distortion may be.
    ///   - seed: seeds every image's distortion, with the image's draw number.
    ///   - threads: how many threads prepare each batch (the parts of a batch are
    ///     independent; the result does not depend on this).
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
        elasticFields =
            augmentation == .elastic
            ? ElasticFields(width: width, height: height, sigma: ranges.elasticSigma, alpha: ranges.elasticAlpha) : nil
        self.threads = threads
        warps = (0..<threads).map { _ in ImageWarp(width: width, height: height) }
    }

    /// The number of training images.
    public var count: Int { images.count }
    /// The inputs per image, 784.
    public var featureCount: Int { images.featureCount }

    /// Writes the images at `indices`, each distorted afresh and normalized, as rows of `features`, and their labels into `labels`.
    public func fill(
        batch indices: UnsafeBufferPointer<Int>,
        features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>
    ) {
        guard augmentation != .none else { return images.fill(batch: indices, features: features, labels: labels) }
        let (first, count) = (drawn, indices.count)
        drawn += UInt64(count)
        if maps.count < count { maps = Array(repeating: .identity, count: count) }
        let (seed, ranges, elasticFields) = (seed, ranges, elasticFields)
        elasticFields?.prepare(images: count)

        // Each image's distortion, drawn from its own generator.
        maps.withUnsafeMutableBufferPointer { maps in
            // Each part writes the maps of its own rows only.
            nonisolated(unsafe) let maps = maps
            inParts(count) { range, _ in
                for row in range {
                    var generator = RandomGenerator(seed: seed ^ (first + UInt64(row)) &* 0x9E37_79B9_7F4A_7C15)
                    maps[row] = AffineMap.random(in: ranges, using: &generator)
                    elasticFields?.drawNoise(image: row, using: &generator)
                }
            }
        }
        elasticFields?.smooth()

        // Every image resampled through its distortion.
        let source = images.images
        let (size, scale, offset) = (featureCount, images.normalization.byteScale, images.normalization.byteOffset)
        // Each part reads `indices` and writes the features and labels of its own rows only.
        nonisolated(unsafe) let (indices, features, labels) = (indices, features, labels)
        source.pixels.withUnsafeBufferPointer { pixels in
            maps.withUnsafeBufferPointer { maps in
                warps.withUnsafeMutableBufferPointer { warps in
                    // The parts only read `pixels` and `maps`; part `p` alone uses `warps[p]`.
                    nonisolated(unsafe) let (pixels, maps, warps) = (pixels, maps, warps)
                    inParts(count) { range, part in
                        for row in range {
                            let index = indices[row]
                            warps[part].resample(
                                pixels.baseAddress! + index * size, map: maps[row],
                                displacement: elasticFields?.displacement(image: row),
                                scale: scale, offset: offset, into: features + row * size)
                            labels[row] = Int32(source.labels[index])
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` on consecutive parts of `0..<count`, one per resampler, at the same time;
    /// `body` gets the part's range and number.
    private func inParts(_ count: Int, _ body: @Sendable (Range<Int>, Int) -> Void) {
        let parts = min(threads, count)
        guard parts > 1 else { return body(0..<count, 0) }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(count * part / parts..<count * (part + 1) / parts, part)
        }
    }
}
