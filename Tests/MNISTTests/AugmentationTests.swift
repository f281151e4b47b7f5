import Foundation
import NeuralNet
import Testing

@testable import MNIST

/// A ring of ink, 255 at its core fading to its edge, centred in a 28×28 image, like a zero.
private func ring(centreX: Float = 13.5, centreY: Float = 13.5, radius: Float = 6) -> [UInt8] {
    (0..<28 * 28).map { index in
        let (x, y) = (Float(index % 28) - centreX, Float(index / 28) - centreY)
        let distance = abs((x * x + y * y).squareRoot() - radius)
        return UInt8(max(0, 255 - 120 * distance).rounded())
    }
}

/// `count` images, each a ring of a different size and place, labelled 0, 1, 2, ...
private func rings(_ count: Int) -> LabelledImages {
    var pixels: [UInt8] = []
    for index in 0..<count {
        let (dx, dy, dr) = (Float(index % 4), Float(index % 3), Float(index % 3))
        pixels += ring(centreX: 12 + dx, centreY: 12 + dy, radius: 4 + dr)
    }
    return LabelledImages(height: 28, width: 28, pixels: pixels, labels: (0..<count).map { UInt8($0 % 10) })
}

private func warp(_ image: [UInt8], _ map: AffineMap) -> [Float] {
    var output = [Float](repeating: .nan, count: image.count)
    var warp = ImageWarp(width: 28, height: 28)
    image.withUnsafeBufferPointer { image in
        warp.resample(image.baseAddress!, map: map, displacement: nil, scale: 1, offset: 0, into: &output)
    }
    return output
}

/// Fills one batch of the images at `indices` and returns its features and labels.
private func batch(_ data: some Dataset, _ indices: [Int]) -> ([Float], [Int32]) {
    var features = [Float](repeating: .nan, count: indices.count * data.featureCount)
    var labels = [Int32](repeating: -1, count: indices.count)
    indices.withUnsafeBufferPointer { data.fill(batch: $0, features: &features, labels: &labels) }
    return (features, labels)
}

@Suite struct AugmentationTests {
    @Test func identityMapReproducesTheImage() {
        let image = ring()
        #expect(warp(image, .identity) == image.map(Float.init))
    }

    @Test func quarterTurnAndWholePixelShiftMovePixelsExactly() {
        var generator = RandomGenerator(seed: 5)
        let image = (0..<784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Sampling from (27 − y, x) turns the image a quarter.
        let turned = warp(image, AffineMap(a: 0, b: -1, c: 1, d: 0, shiftX: 0, shiftY: 0))
        let shifted = warp(image, AffineMap(a: 1, b: 0, c: 0, d: 1, shiftX: 1, shiftY: -2))
        for y in 0..<28 {
            for x in 0..<28 {
                #expect(turned[y * 28 + x] == Float(image[x * 28 + 27 - y]))
                let inside = x + 1 < 28 && y - 2 >= 0
                #expect(shifted[y * 28 + x] == (inside ? Float(image[(y - 2) * 28 + x + 1]) : 0))
            }
        }
    }

    @Test func halfPixelShiftAveragesNeighbours() {
        let image = ring()
        let shifted = warp(image, AffineMap(a: 1, b: 0, c: 0, d: 1, shiftX: 0.5, shiftY: 0))
        for y in 0..<28 {
            for x in 0..<27 {
                #expect(abs(shifted[y * 28 + x] - (Float(image[y * 28 + x]) + Float(image[y * 28 + x + 1])) / 2) < 1e-4)
            }
        }
    }

    @Test func rotationComposesAsDocumented() {
        let map = AffineMap(rotation: 90, scaleX: 2, scaleY: 1, shear: 0, shiftX: 0, shiftY: 0)
        // A quarter turn after doubling x: (1, 0) → (2, 0) → (0, 2).
        #expect(abs(map.a) < 1e-6 && abs(map.c - 2) < 1e-6 && abs(map.b + 1) < 1e-6 && abs(map.d) < 1e-6)
    }

    /// With `mirror`, about half the maps flip x (a negative determinant) and the image comes out
    /// as its mirror image; the other draws are those of the same ranges without it, so that
    /// MNIST's augmentation, which does not mirror, draws what it always drew.
    @Test func mirroringFlipsHalfTheMapsAndLeavesTheOtherDrawsAlone() {
        var plain = DistortionRanges.productPhotos
        plain.mirror = false
        var (mirroredCount, draws) = (0, 1_000)
        for seed in 0..<UInt64(draws) {
            var (generator, twin) = (RandomGenerator(seed: seed), RandomGenerator(seed: seed))
            let map = AffineMap.random(in: .productPhotos, using: &generator)
            let unmirrored = AffineMap.random(in: plain, using: &twin)
            // Mirroring negates the scale of x, the first column of the matrix.
            let flipped = map.a * map.d - map.b * map.c < 0
            if flipped { mirroredCount += 1 }
            let sign: Float = flipped ? -1 : 1
            #expect(
                map
                    == AffineMap(
                        a: sign * unmirrored.a, b: unmirrored.b, c: sign * unmirrored.c, d: unmirrored.d,
                        shiftX: unmirrored.shiftX, shiftY: unmirrored.shiftY))
        }
        #expect((400...600).contains(mirroredCount), "\(mirroredCount) of \(draws) mirrored")
        let image = ring(centreX: 10)
        let mirrored = warp(image, AffineMap(a: -1, b: 0, c: 0, d: 1, shiftX: 0, shiftY: 0))
        for y in 0..<28 {
            for x in 0..<28 { #expect(mirrored[y * 28 + x] == Float(image[y * 28 + 27 - x])) }
        }
    }

    @Test func noAugmentationMatchesTheNormalizedImages() {
        let images = NormalizedImages(rings(20))
        let augmented = AugmentedImages(images, augmentation: .none, seed: 1)
        let indices = [3, 7, 0, 19, 3]
        #expect(batch(augmented, indices) == batch(images, indices))
    }

    @Test(arguments: [Augmentation.affine, .elastic])
    func sameSeedSameBatchesDifferentSeedDifferentBatches(augmentation: Augmentation) {
        let images = NormalizedImages(rings(40))
        let indices = Array(0..<40)
        func twoBatches(seed: UInt64, threads: Int) -> [[Float]] {
            let data = AugmentedImages(images, augmentation: augmentation, seed: seed, threads: threads)
            return [batch(data, indices).0, batch(data, indices).0]
        }
        let first = twoBatches(seed: 7, threads: 1)
        #expect(first[0] != batch(images, indices).0, "the images are distorted")
        #expect(first[0] != first[1], "each draw distorts afresh")
        #expect(twoBatches(seed: 7, threads: 1) == first, "the same seed gives the same batches")
        #expect(twoBatches(seed: 7, threads: 3) == first, "however many threads prepare them")
        #expect(twoBatches(seed: 8, threads: 1)[0] != first[0], "another seed gives other batches")
        #expect(
            batch(AugmentedImages(images, augmentation: augmentation, seed: 7), indices).1 == batch(images, indices).1)
    }

    @Test(arguments: [Augmentation.affine, .elastic])
    func distortionRoughlyPreservesInk(augmentation: Augmentation) {
        let source = rings(200)
        // Unnormalized so that features are pixel values 0–255.
        let identity = Normalization(mean: 0, standardDeviation: 1 / 255)
        let data = AugmentedImages(
            NormalizedImages(source, normalization: identity), augmentation: augmentation, seed: 3)
        let (features, _) = batch(data, Array(0..<200))
        var ratios: [Float] = []
        for image in 0..<200 {
            let before = source.pixels[image * 784..<(image + 1) * 784].reduce(0) { $0 + Float($1) }
            let after = features[image * 784..<(image + 1) * 784].reduce(0, +)
            ratios.append(after / before)
        }
        let mean = ratios.reduce(0, +) / Float(ratios.count)
        #expect(abs(mean - 1) < 0.05, "mean ink ratio \(mean)")
        // Rotation, shear and shift keep ink; scaling and the elastic field stretch or squeeze
        // it locally, so single images vary, but not on average.
        let sorted = ratios.sorted()
        let (low, high) = (sorted[ratios.count / 20], sorted[ratios.count * 19 / 20])
        #expect(0.6 < low && high < 1.5, "the middle 90% of ink ratios span \(low) to \(high)")
    }

    @Test func elasticFieldIsSmoothAndScaledAsSimardDescribes() {
        let (sigma, alpha): (Float, Float) = (4, 34)
        let fields = ElasticFields(width: 28, height: 28, sigma: sigma, alpha: alpha)
        var generator = RandomGenerator(seed: 11)
        // A uniform [−1, 1] value has variance 1/3; the separable Gaussian (taps w) keeps
        // (Σ w²)² of it away from the edges.
        let radius = Int((3 * sigma).rounded(.up))
        let weights: [Float] = (-radius...radius).map { offset in
            let squared = Float(offset * offset)
            return exp(-squared / (2 * sigma * sigma))
        }
        let total: Float = weights.reduce(0, +)
        var keep: Float = 0
        for weight in weights { keep += (weight / total) * (weight / total) }
        let expectedDeviation = alpha * (keep * keep / 3).squareRoot()
        var squares: Float = 0
        var neighbourSquares: Float = 0
        var samples: Float = 0
        // A batch of 200 images' fields, drawn and smoothed together.
        fields.prepare(images: 200)
        for image in 0..<200 { fields.drawNoise(image: image, using: &generator) }
        fields.smooth()
        for image in 0..<200 {
            let displacement = fields.displacement(image: image)
            let centre = 14 * displacement.stride + 14
            for value in [displacement.dx, displacement.dy] {
                squares += value[centre] * value[centre]
                neighbourSquares += (value[centre + 1] - value[centre]) * (value[centre + 1] - value[centre])
                samples += 1
            }
        }
        let deviation = (squares / samples).squareRoot()
        #expect(abs(deviation / expectedDeviation - 1) < 0.2, "deviation \(deviation), expected \(expectedDeviation)")
        #expect((neighbourSquares / samples).squareRoot() < 0.2 * deviation, "neighbouring displacements move together")
    }
}
