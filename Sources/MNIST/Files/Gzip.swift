internal import CZlib
import Foundation

/// gzip decompression through zlib.
public enum Gzip {
    /// The two bytes every gzip stream starts with.
    static let magicNumber: [UInt8] = [0x1F, 0x8B]

    /// Whether `bytes` start with the gzip magic number (1f 8b).
    public static func isCompressed(_ bytes: Data) -> Bool {
        bytes.starts(with: magicNumber)
    }

    /// The decompressed content of a gzip stream (several concatenated members are joined,
    /// as `gunzip` does). Throws `DataError.corruptGzip` for damaged or truncated input.
    public static func decompress(_ compressed: Data, name: String) throws(DataError) -> Data {
        let expected = expectedSize(of: compressed)
        var output = Data(capacity: expected)
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw .corruptGzip(name, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }

        // 1 MiB at a time for an MNIST archive; less for small files, which would spend most of
        // their time clearing an unused buffer.
        let chunkSize = min(1 << 20, max(1 << 14, expected))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: String?
        compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: UInt8.self).baseAddress else {
                failure = "the file is empty"
                return
            }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])
                switch status {
                case Z_OK:
                    if stream.avail_in == 0 && stream.avail_out != 0 {
                        failure = "the file is truncated (the gzip stream ends early)"
                        return
                    }
                case Z_STREAM_END:
                    // Another member may follow; anything that is not gzip is an error.
                    guard stream.avail_in > 0 else { return }
                    guard stream.next_in[0] == 0x1F else {
                        failure = "\(stream.avail_in) bytes of trailing garbage after the gzip data"
                        return
                    }
                    inflateReset(&stream)
                case Z_BUF_ERROR where stream.avail_in == 0:
                    failure = "the file is truncated (the gzip stream ends early)"
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    failure = "the data is corrupt (\(message))"
                    return
                }
            }
        }
        if let failure { throw .corruptGzip(name, reason: failure) }
        return output
    }

    /// The decompressed size a gzip file's trailer announces (its last four bytes, modulo
    /// 2³²), capped at zlib's maximum compression ratio so a lying trailer cannot make us
    /// reserve absurd amounts of memory. Only a hint for reserving capacity.
    private static func expectedSize(of compressed: Data) -> Int {
        guard compressed.count >= 18 else { return 0 }
        let trailer = compressed.suffix(4)
        let announced = trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
        return min(announced, compressed.count * 1032)
    }
}
