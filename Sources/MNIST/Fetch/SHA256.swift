import Foundation

/// SHA-256 as specified in FIPS 180-4, used to check that downloaded files hold exactly the
/// published MNIST content.
package enum SHA256 {
    /// The SHA-256 digest of `data` as 64 lowercase hexadecimal digits.
    package static func hexDigest(_ data: Data) -> String {
        var state = initialHash
        data.withUnsafeBytes { message in
            let wholeBlocksLength = message.count / 64 * 64
            compressBlocks(UnsafeRawBufferPointer(rebasing: message[..<wholeBlocksLength]), into: &state)
            let tail = paddedTail(message[wholeBlocksLength...], messageLength: message.count)
            tail.withUnsafeBytes { compressBlocks($0, into: &state) }
        }
        return hexString(state)
    }

    /// The bytes after the message's last whole block, padded as §5.1.1 says: a 1 bit, zeros,
    /// then the message length in bits as a big-endian UInt64, making one block, or two when
    /// fewer than 9 bytes are left for the 0x80 and the length.
    private static func paddedTail(_ rest: Slice<UnsafeRawBufferPointer>, messageLength: Int) -> [UInt8] {
        var tail = Array(rest)
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(messageLength) &* 8
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        return tail
    }

    /// Folds consecutive 64-byte blocks into the hash state.
    private static func compressBlocks(_ blocks: UnsafeRawBufferPointer, into state: inout [UInt32]) {
        roundConstants.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                for offset in stride(from: 0, to: blocks.count, by: 64) {
                    compress(
                        blocks.baseAddress! + offset, into: &state,
                        schedule: schedule.baseAddress!, constants: constants.baseAddress!)
                }
            }
        }
    }

    /// H(0), §5.3.3: the first 32 bits of the fractional parts of the square roots of the
    /// first 8 primes.
    private static let initialHash: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// K, §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
    /// 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Folds one 64-byte block into the hash state (§6.2.2). `schedule` is scratch space for
    /// the 64-word message schedule W.
    @inline(__always)
    private static func compress(
        _ block: UnsafeRawPointer, into state: inout [UInt32],
        schedule w: UnsafeMutablePointer<UInt32>, constants k: UnsafePointer<UInt32>
    ) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
        }
        for t in 16..<64 {
            let s0 = rotateRight(w[t - 15], 7) ^ rotateRight(w[t - 15], 18) ^ (w[t - 15] &>> 3)
            let s1 = rotateRight(w[t - 2], 17) ^ rotateRight(w[t - 2], 19) ^ (w[t - 2] &>> 10)
            w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
        }

        var (a, b, c, d) = (state[0], state[1], state[2], state[3])
        var (e, f, g, h) = (state[4], state[5], state[6], state[7])
        for t in 0..<64 {
            let sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ sum1 &+ choice &+ k[t] &+ w[t]
            let sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = sum0 &+ majority
            (h, g, f, e) = (g, f, e, d &+ t1)
            (d, c, b, a) = (c, b, a, t1 &+ t2)
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }

    @inline(__always)
    private static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
        x &>> n | x &<< (32 &- n)
    }

    /// The state words, big-endian, as lowercase hex.
    private static func hexString(_ state: [UInt32]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for word in 0..<8 {
            for shift in stride(from: 28, through: 0, by: -4) {
                text.append(digits[Int(state[word] >> UInt32(shift) & 0xF)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
