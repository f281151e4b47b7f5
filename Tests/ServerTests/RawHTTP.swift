#if Server
import Foundation

/// A minimal HTTP/1.1 client over a plain socket, so that tests send exactly the bytes they
/// mean (paths such as `/report/../x` included, which URL types would normalize away).
enum RawHTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// Sends one request with `Connection: close` and reads the whole reply.
    static func request(
        port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data()
    ) throws -> Reply {
        let socket = Socket(port: port)
        defer { socket.close() }
        guard socket.connected else { throw failure("cannot connect to 127.0.0.1:\(port)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        socket.send(Data(head.utf8) + body)
        return try parse(socket.readAll())
    }

    static func parse(_ bytes: Data) throws -> Reply {
        guard let end = bytes.range(of: Data("\r\n\r\n".utf8)) else { throw failure("no complete reply header") }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = lines[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else {
            throw failure("bad status line \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(bytes[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ data: Data) throws -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else { throw failure("bad chunk size") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.count >= size + 2 + (start - rest.startIndex) else { throw failure("truncated chunk") }
            result += rest[start..<start + size]
            rest = rest[(start + size + 2)...]
        }
        return result
    }

    static func failure(_ message: String) -> NSError {
        NSError(domain: "RawHTTP", code: 1, userInfo: [NSLocalizedDescriptionKey: message])
    }
}

/// A blocking TCP connection to 127.0.0.1.
private final class Socket {
    private let descriptor: Int32
    let connected: Bool

    init(port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Sends all of `data`; stops quietly if the server closes first (as after a 413).
    func send(_ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    func readAll() -> Data {
        var result = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }

    func close() { _ = Glibc.close(descriptor) }
}
#endif
