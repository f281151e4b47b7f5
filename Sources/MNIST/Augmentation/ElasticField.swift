import Foundation
import NeuralNet

/// A smooth random displacement field for elastic distortion, as Simard, Steinkraus and Platt
/// (2003) describe it: every pixel gets a displacement drawn uniformly from [−1, 1] along each
/// axis, the two fields are convolved with a Gaussian of standard deviation σ, and scaled by α.
///
/// The buffers are allocated once and redrawn in place, so drawing allocates nothing. Each field
/// is a square of side `stride`, the larger image side rounded up to whole `SIMD8` rows.
struct ElasticField {
    let width: Int
    let height: Int
    /// Floats from one row of `dx` or `dy` to the next.
    var stride: Int { smoother.stride }
    /// Displacements along x and along y: the one for pixel (x, y) is at `y × stride + x`.
    private(set) var dx: [Float]
    private(set) var dy: [Float]
    private var scratch: [Float]
    private let smoother: Smoother

    init(width: Int, height: Int, sigma: Float) {
        precondition(sigma > 0, "the smoothing sigma must be positive")
        self.width = width
        self.height = height
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { offset in exp(-Float(offset * offset) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        smoother = Smoother(
            width: width, height: height, stride: (max(width, height) + 7) / 8 * 8, taps: weights.map { $0 / total })
        dx = Array(repeating: 0, count: smoother.stride * smoother.stride)
        dy = dx
        scratch = dx
    }

    /// Draws a new field scaled by `alpha`.
    mutating func draw(alpha: Float, using generator: inout RandomGenerator) {
        let smoother = smoother
        smoother.draw(&dx, scratch: &scratch, alpha: alpha, using: &generator)
        smoother.draw(&dy, scratch: &scratch, alpha: alpha, using: &generator)
    }

    /// Fills and smooths one field. The smoothing runs along columns only, on whole `SIMD8`
    /// rows, transposing in between; columns never mix, so whatever the padding holds never
    /// reaches the image.
    private struct Smoother {
        let width: Int
        let height: Int
        let stride: Int
        /// The Gaussian's taps from −radius to +radius, summing to 1.
        let taps: [Float]

        func draw(_ field: inout [Float], scratch: inout [Float], alpha: Float, using generator: inout RandomGenerator) {
            field.withUnsafeMutableBufferPointer { field in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    let (field, scratch) = (field.baseAddress!, scratch.baseAddress!)
                    for y in 0..<height {
                        for x in 0..<width {
                            // 24 random bits give a float in [−1, 1) with every step representable.
                            field[y * stride + x] = Float(generator.next() >> 40) * 0x1p-23 - 1
                        }
                    }
                    smoothColumns(of: field, rows: height, into: scratch, scale: 1)
                    transpose(scratch, into: field)
                    smoothColumns(of: field, rows: width, into: scratch, scale: alpha)
                    transpose(scratch, into: field)
                }
            }
        }

        /// Convolves each column of the first `rows` rows of `field` with the Gaussian (rows
        /// past the edge count as zero) into the same rows of `output`, times `scale`. Each
        /// output vector is summed in registers, over two chains to hide the latency of a
        /// fused multiply-add.
        private func smoothColumns(
            of field: UnsafeMutablePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>, scale: Float
        ) {
            let (lanes, radius) = (stride / 8, taps.count / 2)
            let input = UnsafeRawPointer(field).assumingMemoryBound(to: SIMD8<Float>.self)
            let result = UnsafeMutableRawPointer(output).assumingMemoryBound(to: SIMD8<Float>.self)
            taps.withUnsafeBufferPointer { taps in
                for lane in 0..<lanes {
                    for y in 0..<rows {
                        let (first, last) = (max(0, y - radius), min(rows - 1, y + radius))
                        var (even, odd) = (SIMD8<Float>.zero, SIMD8<Float>.zero)
                        var source = first
                        while source < last {
                            even.addProduct(SIMD8(repeating: taps[source - y + radius]), input[source * lanes + lane])
                            odd.addProduct(SIMD8(repeating: taps[source + 1 - y + radius]), input[(source + 1) * lanes + lane])
                            source += 2
                        }
                        if source == last {
                            even.addProduct(SIMD8(repeating: taps[source - y + radius]), input[source * lanes + lane])
                        }
                        result[y * lanes + lane] = (even + odd) * scale
                    }
                }
            }
        }

        private func transpose(_ field: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>) {
            for y in 0..<stride {
                for x in 0..<stride { output[x * stride + y] = field[y * stride + x] }
            }
        }
    }
}
