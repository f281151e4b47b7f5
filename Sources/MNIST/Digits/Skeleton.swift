/// Thinning of a binary image to its skeleton: lines one pixel wide along the middle of each
/// stroke, with the strokes' connections and ends kept (Zhang and Suen's parallel thinning,
/// 1984). Used to draw MNIST digits as a thin pen would.
enum Skeleton {
    /// The skeleton of `mask` (`width × height`, row-major, true for ink).
    static func thin(_ mask: [Bool], width: Int, height: Int) -> [Bool] {
        precondition(mask.count == width * height, "the mask must have width × height pixels")
        // A frame of paper around the image, so every pixel has eight neighbours.
        let stride = width + 2
        var image = [Bool](repeating: false, count: stride * (height + 2))
        var ink: [Int] = []
        for y in 0..<height {
            for x in 0..<width where mask[y * width + x] {
                image[(y + 1) * stride + x + 1] = true
                ink.append((y + 1) * stride + x + 1)
            }
        }
        // The neighbours clockwise from north (N, NE, E, SE, S, SW, W, NW) are bits 0 to 7.
        let offsets = [-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1]
        let (north, east, south, west): (UInt8, UInt8, UInt8, UInt8) = (1, 4, 16, 64)
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                // The first pass peels south-east boundaries and north-west corners, the second
                // north-west boundaries and south-east corners.
                let guards: (UInt8, UInt8) =
                    pass == 0
                    ? (north | east | south, east | south | west) : (north | east | west, north | south | west)
                let removable = ink.filter { index in
                    var around: UInt8 = 0
                    for (bit, offset) in offsets.enumerated() where image[index + offset] { around |= 1 << bit }
                    let next = around >> 1 | around << 7  // bit i is neighbour i + 1
                    let crossings = (~around & next).nonzeroBitCount  // paper-to-ink steps around the pixel
                    return (2...6).contains(around.nonzeroBitCount) && crossings == 1
                        && around & guards.0 != guards.0 && around & guards.1 != guards.1
                }
                for index in removable { image[index] = false }
                if !removable.isEmpty {
                    changed = true
                    ink.removeAll { !image[$0] }
                }
            }
        }
        var skeleton = [Bool](repeating: false, count: width * height)
        for index in ink { skeleton[(index / stride - 1) * width + index % stride - 1] = true }
        return skeleton
    }
}
