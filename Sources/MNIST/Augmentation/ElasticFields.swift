import Foundation
import NeuralNet

/// Smooth random displacement fields for elastic distortion, as Simard, Steinkraus and Platt
/// (2003) describe them, for a whole batch of images at once: every pixel gets a displacement
/// drawn uniformly from [−1, 1] along each axis, the fields are convolved with a Gaussian of
/// standard deviation σ (values past the edge count as zero), and scaled by α.
///
/// The Gaussian is separable, so a field `U` (height × width) smooths to `α · G_h · U · G_w`,
/// where `G_h` and `G_w` are the banded, symmetric matrices of its taps. For a batch that is
/// two matrix products in all: the fields sit side by side, so `G_h` multiplies all of them at
/// once, and the rows of that result, read as one tall matrix, multiply `G_w`. The products
/// run on the Swift kernel on one thread, so the fields are the same bit for bit however many
/// threads prepare the batch.
///
/// Field `f` (`2 × image` for x, `2 × image + 1` for y) holds pixel `(x, y)` at
/// `(y × fieldCount + f) × width + x`. The buffers grow to the largest batch seen and are
/// reused, so drawing allocates nothing after the first batch.
// Sendable: `prepare` and `smooth` run between a batch's parallel parts, each of which writes only its images' noise.
final class ElasticFields: @unchecked Sendable {
    let width: Int
    let height: Int
    let alpha: Float
    /// Fields in the current batch: two per image.
    private(set) var fieldCount = 0
    /// The Gaussian smoothing matrices, height × height and width × width.
    private let rowSmoothing: [Float]
    private let columnSmoothing: [Float]
    private var noise = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
    private var halfway = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
    /// The smoothed, scaled fields of the current batch.
    private(set) var fields = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
    private let kernel = SwiftKernel(threads: 1)

    init(width: Int, height: Int, sigma: Float, alpha: Float) {
        precondition(sigma > 0, "the smoothing sigma must be positive")
        (self.width, self.height, self.alpha) = (width, height, alpha)
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { offset in exp(-Float(offset * offset) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        func smoothing(_ size: Int) -> [Float] {
            (0..<size * size).map { index in
                let offset = index % size - index / size
                return abs(offset) <= radius ? weights[offset + radius] / total : 0
            }
        }
        (rowSmoothing, columnSmoothing) = (smoothing(height), smoothing(width))
    }

    deinit {
        for buffer in [noise, halfway, fields] { buffer.deallocate() }
    }

    /// Makes room for the fields of a batch of `images` images.
    func prepare(images: Int) {
        fieldCount = 2 * images
        let size = fieldCount * width * height
        guard noise.count < size else { return }
        for buffer in [noise, halfway, fields] { buffer.deallocate() }
        (noise, halfway, fields) = (.allocate(capacity: size), .allocate(capacity: size), .allocate(capacity: size))
    }

    /// Draws the unsmoothed x and y fields of `image` from `generator`. Different images may
    /// be drawn on different threads at the same time.
    func drawNoise(image: Int, using generator: inout RandomGenerator) {
        for field in 2 * image...2 * image + 1 {
            for y in 0..<height {
                let row = noise.baseAddress! + (y * fieldCount + field) * width
                // 24 random bits give a float in [−1, 1) with every step representable.
                for x in 0..<width { row[x] = Float(generator.next() >> 40) * 0x1p-23 - 1 }
            }
        }
    }

    /// Smooths and scales the noise of every image of the batch into `fields`.
    func smooth() {
        let span = fieldCount * width
        rowSmoothing.withUnsafeBufferPointer { rows in
            columnSmoothing.withUnsafeBufferPointer { columns in
                // Along y: G_h (height × height) times all fields side by side (height × span).
                kernel.sgemm(
                    .none, .none, m: height, n: span, k: height, alpha: 1, a: rows.baseAddress!, lda: height,
                    b: noise.baseAddress!, ldb: span, beta: 0, c: halfway.baseAddress!, ldc: span)
                // Along x: every row of every field (height × fieldCount of them) times G_w.
                kernel.sgemm(
                    .none, .none, m: height * fieldCount, n: width, k: width, alpha: alpha, a: halfway.baseAddress!,
                    lda: width, b: columns.baseAddress!, ldb: width, beta: 0, c: fields.baseAddress!, ldc: width)
            }
        }
    }

    /// The smoothed displacements of `image`, as `ImageWarp` reads them.
    func displacement(image: Int) -> ImageWarp.Displacement {
        ImageWarp.Displacement(
            dx: fields.baseAddress! + 2 * image * width, dy: fields.baseAddress! + (2 * image + 1) * width,
            stride: fieldCount * width)
    }
}
