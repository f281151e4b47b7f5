import Foundation
import MNIST
import TestSupport
import Testing

@Suite struct SHA256Tests {
    /// The NIST examples for FIPS 180-4: an empty message, one block, and a 448-bit message
    /// whose padding spills into a second block.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Data(message.utf8)) == digest)
    }

    /// The NIST long-message example: one million "a", 15,625 blocks.
    @Test func millionAs() {
        let message = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries: 55 bytes is the most that fits one padded
    /// block, 56 needs two; 63, 64 and 65 straddle a whole block.
    @Test(arguments: [55, 56, 63, 64, 65, 1000])
    func matchesSha256sum(length: Int) throws {
        let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255) })
        let folder = Fixtures.temporaryDirectory("sha256")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bytes")
        try bytes.write(to: file)
        let expected = try Fixtures.run("/usr/bin/sha256sum", [file.path]).prefix(64)
        #expect(SHA256.hexDigest(bytes) == String(expected))
    }

    @Test func hashesSlicesByTheirOwnBytes() {
        let bytes = Data("xxabcxx".utf8)
        let slice = bytes[2..<5]
        #expect(SHA256.hexDigest(slice) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
