/// Stroke-width normalization: a digit drawn with a thin pen on a large canvas comes out of
/// the fit into 20×20 as faint lines a fraction of a pixel wide, where MNIST's strokes are about
/// two pixels wide; the network has never seen such a digit. Strokes measured thinner than
/// `thinnest` are thickened, before the fit, to MNIST's `typical` width; thicker strokes are
/// left exactly as they are.
///
/// The width is measured and thickened on an ink plane `oversampling` times finer than the
/// 20×20 box, so the cost does not grow with the photo's size. A stroke's width is estimated as
/// 2 × area / perimeter of the ink at least half as strong as the strongest (a long stroke of
/// width w and length l has area w·l and perimeter about 2·l), in pixels of the 20×20 box.
/// Measured so on the first 1,000 MNIST test digits drawn as photos (`DigitPhoto`, thick
/// pen), the median is 1.87 and 0.5% measure below 1.04: nearly every digit drawn like MNIST's
/// is left exactly as it was.
enum StrokeWidth {
    /// Pixels of the 20×20 box: thickening starts below `thinnest` and aims at `typical`.
    static let thinnest = 1.0
    static let typical = 1.87
    /// Plane pixels per pixel of the 20×20 box.
    static let oversampling = 4
    /// Plane pixels around the digit's box: room for antialiased edges and for the strokes to
    /// grow into.
    static let frame = oversampling * (DigitPreprocessor.margin + 2)

    /// A finer ink plane holding the digit in `ink`'s `box`, its strokes thickened to
    /// `typical`; nil when the strokes are not thinner than `thinnest`.
    static func thickened(_ ink: InkImage, box: (x: Range<Int>, y: Range<Int>)) -> InkPlane? {
        guard let plane = plane(ink, box: box), let measured = plane.strokeWidth, measured < thinnest else {
            return nil
        }
        // Growing each side by r and refitting to the box shrinks the strokes' share of it:
        // (w + 2r) · box / (box + 2r) = typical, in plane pixels. Start there and grow in
        // half-pixel steps until the thickened strokes measure `typical`.
        let (box, width, wanted) = (
            Double(DigitPreprocessor.digitBox * oversampling), measured * Double(oversampling),
            typical * Double(oversampling)
        )
        var radius = max(0.5, (wanted - width) / (2 * (1 - wanted / box)))
        while true {
            let grown = plane.dilated(radius: radius)
            if (grown.strokeWidth ?? 0) >= typical || radius >= Double(frame) { return grown }
            radius += 0.5
        }
    }

    /// The ink of `box` (and the frame around it) on a plane whose 20×20 box is `oversampling`
    /// times finer, stretched so its strongest ink is 255; nil without ink.
    static func plane(_ ink: InkImage, box: (x: Range<Int>, y: Range<Int>)) -> InkPlane? {
        let scale = Double(max(box.x.count, box.y.count)) / Double(DigitPreprocessor.digitBox * oversampling)
        let width = Int((Double(box.x.count) / scale).rounded(.up)) + 2 * frame
        let height = Int((Double(box.y.count) / scale).rounded(.up)) + 2 * frame
        let values = AreaResampling.resample(
            inputWidth: ink.width, inputHeight: ink.height,
            x: Double(box.x.lowerBound) - Double(frame) * scale, y: Double(box.y.lowerBound) - Double(frame) * scale,
            scale: scale, width: width, height: height, source: { ink[x: $0, y: $1] })
        guard let stretched = stretchedToFullInk(values) else { return nil }
        return InkPlane(width: width, height: height, values: stretched)
    }

    /// `values` scaled so the strongest is 255, rounded to bytes; nil when all are 0. Eight
    /// values at a time: most of the plane is paper, which stays 0 without a division.
    static func stretchedToFullInk(_ values: [Float]) -> [UInt8]? {
        values.withUnsafeBufferPointer { values -> [UInt8]? in
            let chunks = values.count / 8
            func chunk(_ index: Int) -> SIMD8<Float> {
                UnsafeRawPointer(values.baseAddress! + 8 * index).loadUnaligned(as: SIMD8<Float>.self)
            }
            // The strongest value among the chunks that are not all paper.
            var peak: Float = 0
            for index in 0..<chunks where any(chunk(index) .!= 0) {
                for value in values[8 * index..<8 * index + 8] { peak = max(peak, value) }
            }
            for value in values[(8 * chunks)...] { peak = max(peak, value) }
            guard peak > 0 else { return nil }
            return [UInt8](unsafeUninitializedCapacity: values.count) { bytes, count in
                bytes.initialize(repeating: 0)
                func stretch(_ range: Range<Int>) {
                    for index in range where values[index] != 0 {
                        bytes[index] = UInt8(min(255, (values[index] * 255 / peak).rounded()))
                    }
                }
                for index in 0..<chunks where any(chunk(index) .!= 0) { stretch(8 * index..<8 * index + 8) }
                stretch(8 * chunks..<values.count)
                count = values.count
            }
        }
    }

    /// 2 × area / perimeter of the pixels of `plane` at or above `threshold`, in plane pixels;
    /// the perimeter counts the sides between such a pixel and one below it (or the edge).
    /// `box`, when given, holds every such pixel (`InkPlane.boundingBox`): only it is scanned.
    static func estimatedWidth<Value: Comparable>(
        _ plane: [Value], width: Int, height: Int, threshold: Value, box: (x: Range<Int>, y: Range<Int>)? = nil
    ) -> Double {
        let (columns, rows) = box ?? (0..<width, 0..<height)
        // Each inked pixel has four sides, less the two that every pair of touching inked
        // pixels shares: counted row by row from 0/1 bytes, without a branch per pixel, in
        // wrapping sums (no overflow check) that the compiler turns into vector instructions.
        var area = 0
        var touchingPairs = 0
        var inked = [UInt8](repeating: 0, count: columns.count)
        var inkedAbove = inked
        plane.withUnsafeBufferPointer { plane in
            for y in rows {
                let row = y * width + columns.lowerBound
                inked.withUnsafeMutableBufferPointer { inked in
                    inkedAbove.withUnsafeBufferPointer { inkedAbove in
                        for x in inked.indices {
                            let pixel: UInt8 = plane[row + x] >= threshold ? 1 : 0
                            inked[x] = pixel
                            area &+= Int(pixel)
                            touchingPairs &+= Int(pixel & inkedAbove[x])
                        }
                        for x in inked.indices.dropFirst() { touchingPairs &+= Int(inked[x] & inked[x - 1]) }
                    }
                }
                swap(&inked, &inkedAbove)
            }
        }
        let perimeter = 4 * area - 2 * touchingPairs
        return perimeter == 0 ? 0 : 2 * Double(area) / Double(perimeter)
    }
}

/// Ink values, 0 (paper) to 255, on a plane of pixels of its own.
struct InkPlane {
    let width: Int
    let height: Int
    let values: [UInt8]

    subscript(x x: Int, y y: Int) -> UInt8 { values[y * width + x] }

    /// The smallest rectangle holding every pixel whose ink is at least `threshold`, or nil
    /// when there is none.
    func boundingBox(threshold: UInt8) -> (x: Range<Int>, y: Range<Int>)? {
        // No arrays, and each row's strongest ink first (vector maxima): a request of
        // `mnist serve` runs this on every drawing, whose plane is mostly paper.
        var (left, right, top, bottom) = (width, -1, height, -1)
        values.withUnsafeBufferPointer { values in
            for y in 0..<height {
                let row = UnsafeBufferPointer(rebasing: values[y * width..<(y + 1) * width])
                var strongest: UInt8 = 0
                for value in row { strongest = max(strongest, value) }
                guard strongest >= threshold else { continue }
                (top, bottom) = (min(top, y), y)
                if let first = row.firstIndex(where: { $0 >= threshold }) { left = min(left, first) }
                if let last = row.lastIndex(where: { $0 >= threshold }) { right = max(right, last) }
            }
        }
        return right < 0 ? nil : (left..<right + 1, top..<bottom + 1)
    }

    /// The width of the strokes of ink at least half the strongest, in pixels of the 20×20 box
    /// the digit will be fitted to; nil without ink.
    var strokeWidth: Double? {
        guard let box = boundingBox(threshold: 128) else { return nil }
        let width = StrokeWidth.estimatedWidth(values, width: width, height: height, threshold: 128, box: box)
        return width * Double(DigitPreprocessor.digitBox) / Double(max(box.x.count, box.y.count))
    }

    /// Grayscale dilation by a disc of `radius` pixels: each pixel becomes the strongest ink
    /// within that distance. Spreads each inked pixel, so it costs in proportion to the ink,
    /// which is little exactly when strokes are thin.
    func dilated(radius: Double) -> InkPlane {
        let reach = Int(radius)
        var disc: [(dx: Int, dy: Int)] = []
        for dy in -reach...reach {
            for dx in -reach...reach where Double(dx * dx + dy * dy) <= radius * radius { disc.append((dx, dy)) }
        }
        var output = values
        for y in 0..<height {
            for x in 0..<width where values[y * width + x] > 0 {
                let value = values[y * width + x]
                for (dx, dy) in disc {
                    let (u, v) = (x + dx, y + dy)
                    guard (0..<width).contains(u), (0..<height).contains(v) else { continue }
                    output[v * width + u] = max(output[v * width + u], value)
                }
            }
        }
        return InkPlane(width: width, height: height, values: output)
    }
}
