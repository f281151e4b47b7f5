import Foundation

/// The one source of randomness for a run: weight initialization, shuffling and anything
/// else random draws from a generator seeded with the run's seed, so a seed fixes a run.
///
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64 so that any seed,
/// including 0, gives a well-mixed state.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`: the same seed, the same numbers.
    public init(seed: UInt64) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    // Inlinable, so that loops in other modules that draw many numbers do not pay a call each.
    @inlinable public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform draw from [0, 1) with 53 random bits.
    @inlinable public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A draw from the normal distribution N(mean, standardDeviation²) (Box–Muller).
    public mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - nextUnitDouble()  // in (0, 1], so the logarithm is finite
        let u2 = nextUnitDouble()
        let radius = (-2 * log(u1)).squareRoot()
        return mean + standardDeviation * radius * cos(2 * Double.pi * u2)
    }

    /// A new generator whose stream is independent of this one's, for a separate purpose
    /// (so that, say, shuffling does not shift when the network's size changes).
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next())
    }

    @inlinable func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
