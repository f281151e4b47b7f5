/// Eight vectors of eight floats, seen as the rows of an 8×8 block that `transposed` turns
/// into its columns: the way the first layer's sparse training path moves weights between
/// `W[outputs, inputs]` and its pieces of `Wᵀ` eight columns at a time, in registers.
struct EightByEight {
    typealias Row = SIMD8<Float>

    var r0, r1, r2, r3, r4, r5, r6, r7: Row

    /// The block's transpose: row `j` of the result is column `j` of this block.
    ///
    /// Three rounds of shuffles that each take lanes from two vectors (interleave pairs, then
    /// pairs of pairs, then halves), which the compiler turns into the processor's shuffle
    /// instructions, rather than 64 loads and stores of single floats.
    @inline(__always)
    func transposed() -> EightByEight {
        @inline(__always) func interleaveLow(_ a: Row, _ b: Row) -> Row {
            Row(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5])
        }
        @inline(__always) func interleaveHigh(_ a: Row, _ b: Row) -> Row {
            Row(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7])
        }
        @inline(__always) func pairsLow(_ a: Row, _ b: Row) -> Row {
            Row(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5])
        }
        @inline(__always) func pairsHigh(_ a: Row, _ b: Row) -> Row {
            Row(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7])
        }
        @inline(__always) func lowHalves(_ a: Row, _ b: Row) -> Row { Row(lowHalf: a.lowHalf, highHalf: b.lowHalf) }
        @inline(__always) func highHalves(_ a: Row, _ b: Row) -> Row { Row(lowHalf: a.highHalf, highHalf: b.highHalf) }
        // t: rows 0–1, 2–3, 4–5, 6–7 interleaved; lanes of each 128-bit half hold two rows.
        let (t0, t1) = (interleaveLow(r0, r1), interleaveHigh(r0, r1))
        let (t2, t3) = (interleaveLow(r2, r3), interleaveHigh(r2, r3))
        let (t4, t5) = (interleaveLow(r4, r5), interleaveHigh(r4, r5))
        let (t6, t7) = (interleaveLow(r6, r7), interleaveHigh(r6, r7))
        // u: columns j and j + 4 of rows 0–3 (u0–u3) and of rows 4–7 (u4–u7).
        let (u0, u1, u2, u3) = (pairsLow(t0, t2), pairsHigh(t0, t2), pairsLow(t1, t3), pairsHigh(t1, t3))
        let (u4, u5, u6, u7) = (pairsLow(t4, t6), pairsHigh(t4, t6), pairsLow(t5, t7), pairsHigh(t5, t7))
        return EightByEight(
            r0: lowHalves(u0, u4), r1: lowHalves(u1, u5), r2: lowHalves(u2, u6), r3: lowHalves(u3, u7),
            r4: highHalves(u0, u4), r5: highHalves(u1, u5), r6: highHalves(u2, u6), r7: highHalves(u3, u7))
    }

    /// Row `index`, 0 to 7.
    @inline(__always)
    subscript(index: Int) -> Row {
        switch index {
        case 0: r0
        case 1: r1
        case 2: r2
        case 3: r3
        case 4: r4
        case 5: r5
        case 6: r6
        default: r7
        }
    }
}
