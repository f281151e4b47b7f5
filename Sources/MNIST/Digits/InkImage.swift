/// How strongly each pixel of a gray image is ink, 0 (paper) to 255 (the strongest ink), as
/// MNIST stores its digits, whichever way round the image is.
///
/// The paper is the median brightness of the border pixels (a digit rarely touches the edge,
/// and the median ignores it where it does). Pixels on the far side of the paper from it are
/// ink: dark on light paper, light on dark. Paper texture and sensor noise within three median
/// absolute deviations of the border are ignored, and the contrast is stretched so that the
/// darkest ink (its 99th percentile, so a few outliers do not set the scale) becomes 255.
struct InkImage {
    let width: Int
    let height: Int
    /// Whether the ink is darker than the paper (a drawing on white), or lighter.
    let darkInkOnLightPaper: Bool
    /// The difference between the strongest ink and the paper, 0 to 255 brightness levels.
    let contrast: Int
    private let gray: [UInt8]
    /// The ink value of every gray level.
    private let inkOfGray: [UInt8]

    init(_ image: GrayImage) {
        width = image.width
        height = image.height
        gray = image.pixels

        var border = [Int](repeating: 0, count: 256)
        for x in 0..<width {
            border[Int(gray[x])] += 1
            border[Int(gray[(height - 1) * width + x])] += 1
        }
        for y in 1..<max(1, height - 1) {
            border[Int(gray[y * width])] += 1
            border[Int(gray[y * width + width - 1])] += 1
        }
        let paper = Self.median(border)
        let darkInk = paper >= 128
        darkInkOnLightPaper = darkInk
        // How far a gray level is from the paper towards the ink.
        let towardsInk = { (level: Int) in darkInk ? paper - level : level - paper }

        var deviations = [Int](repeating: 0, count: 256)
        for level in 0..<256 where border[level] > 0 { deviations[abs(level - paper)] += border[level] }
        let noiseFloor = 3 * Self.median(deviations)

        var histogram = [Int](repeating: 0, count: 256)
        for value in gray { histogram[Int(value)] += 1 }
        var strength = [Int](repeating: 0, count: 256)
        for level in 0..<256 { strength[max(0, towardsInk(level) - noiseFloor)] += histogram[level] }
        strength[0] = 0
        let peak = Self.percentile(0.99, of: strength)
        contrast = peak + noiseFloor

        inkOfGray = (0..<256).map { level in
            let above = towardsInk(level) - noiseFloor
            guard above > 0, peak > 0 else { return 0 }
            return UInt8(min(255, (above * 255 + peak / 2) / peak))
        }
    }

    /// The ink value of the pixel in column `x`, row `y`.
    subscript(x x: Int, y y: Int) -> UInt8 { inkOfGray[Int(gray[y * width + x])] }

    /// The smallest rectangle holding every pixel whose ink is at least `threshold`, or nil
    /// when there is none.
    func boundingBox(threshold: UInt8) -> (x: Range<Int>, y: Range<Int>)? {
        let isInk = inkOfGray.map { $0 >= threshold }
        var left = width
        var right = -1
        var top = height
        var bottom = -1
        gray.withUnsafeBufferPointer { gray in
            for y in 0..<height {
                let row = y * width
                var x = 0
                while x < width, !isInk[Int(gray[row + x])] { x += 1 }
                guard x < width else { continue }
                top = min(top, y)
                bottom = y
                left = min(left, x)
                var last = width - 1
                while !isInk[Int(gray[row + last])] { last -= 1 }
                right = max(right, last)
            }
        }
        return right < 0 ? nil : (left..<right + 1, top..<bottom + 1)
    }

    /// The median of the values a histogram counts.
    private static func median(_ histogram: [Int]) -> Int { percentile(0.5, of: histogram) }

    /// The smallest value with at least `fraction` of the histogram's counts at or below it
    /// (0 for an empty histogram).
    private static func percentile(_ fraction: Double, of histogram: [Int]) -> Int {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        let wanted = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if seen >= wanted { return value }
        }
        return histogram.count - 1
    }
}
