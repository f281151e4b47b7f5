/// Inverted dropout (Srivastava et al., "Dropout", 2014) for the hidden activations of a
/// training step: each unit is zeroed with probability `p` and the survivors are scaled by
/// `1/(1 − p)`, so every unit's expected activation is unchanged and evaluation runs the
/// network as it is, without dropout and without rescaling.
///
/// The masks come from a generator of its own, seeded, so a run stays reproducible; a mask is
/// never stored, because after ReLU the output itself tells which units passed (see
/// `backwardThroughReLU`).
public final class Dropout {
    /// The probability of dropping a unit, in [0, 1).
    public let probability: Float
    /// `1/(1 − p)`, the factor on every kept unit.
    public let keptScale: Float
    /// A 32-bit draw below this drops the unit: `p · 2³²`.
    private let threshold: UInt32
    private var generator: RandomGenerator

    /// Dropout of `probability` in [0, 1), its masks drawn from a generator seeded with `seed`.
    public init(probability: Float, seed: UInt64) {
        require((0..<1).contains(probability), "the dropout probability must lie in [0, 1)")
        self.probability = probability
        keptScale = 1 / (1 - probability)
        threshold = UInt32((Double(probability) * 0x1p32).rounded(.down))
        generator = RandomGenerator(seed: seed)
    }

    /// Drops each of the first `count` values with probability `p` and scales the others by
    /// `keptScale`, in place, drawing a fresh mask. Does nothing, and draws nothing, when `p` is 0.
    public func forward(_ values: UnsafeMutablePointer<Float>, count: Int) {
        guard probability > 0 else { return }
        // Each 64-bit draw decides two units, by its low and its high half.
        var index = 0
        while index < count {
            let bits = generator.next()
            values[index] = UInt32(truncatingIfNeeded: bits) < threshold ? 0 : values[index] * keptScale
            if index + 1 < count {
                values[index + 1] =
                    UInt32(truncatingIfNeeded: bits >> 32) < threshold ? 0 : values[index + 1] * keptScale
            }
            index += 2
        }
    }

    /// Back-propagates through ReLU followed by dropout that scaled kept units by `keptScale`,
    /// in place, from that composite's `output` alone: a unit passed the gradient (times
    /// `keptScale`) exactly when its output is positive, since dropped units and units ReLU
    /// cut are both 0.
    package static func backwardThroughReLU(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int, keptScale: Float
    ) {
        for index in 0..<count { gradient[index] = output[index] > 0 ? gradient[index] * keptScale : 0 }
    }
}
