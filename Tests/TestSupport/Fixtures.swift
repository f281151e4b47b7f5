import Foundation

/// Paths and scratch space shared by the test suites.
public enum Fixtures {
    /// What a child process writes to `pipe` up to its first newline (or until it closes the
    /// pipe): the banner a server prints once it listens.
    public static func firstLine(of pipe: Pipe) -> String {
        var text = ""
        while !text.contains("\n") {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    /// The package's root folder (the one holding Package.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The offline MNIST mirror beside the checkout (`../shared/mnist`), if it is there.
    public static var sharedMNIST: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/mnist")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
            ? url : nil
    }

    /// Debian's Fashion-MNIST (package `dataset-fashion-mnist`), if it is installed.
    public static var fashionMNIST: URL? {
        let url = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist", isDirectory: true)
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
            ? url : nil
    }

    /// A new empty folder under the system's temporary directory.
    public static func temporaryDirectory(_ label: String = "test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mnist-\(label)-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An empty folder of this name and this process under the system's temporary directory,
    /// for fixtures shared by a whole suite that no test can clean up after. Each test process
    /// has its own, so that two runs of the tests at once (`make test` and `make tsan`) never
    /// empty each other's, and the folders of processes that have ended are removed: at most
    /// one is left behind per label.
    public static func reusedDirectory(_ label: String) -> URL {
        let temporary = FileManager.default.temporaryDirectory
        let prefix = "mnist-\(label)-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let url = temporary.appendingPathComponent(prefix + String(getpid()), isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An IDX file's bytes: the magic number for unsigned bytes, the dimensions, the data.
    public static func idx(dimensions: [Int], data: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions {
            bytes += [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
        }
        return Data(bytes + data)
    }

    /// `data` compressed with the system's gzip.
    public static func gzip(_ data: Data) throws -> Data {
        let folder = temporaryDirectory("gzip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data")
        try data.write(to: file)
        try run("/bin/gzip", ["-n", "-f", file.path])
        return try Data(contentsOf: folder.appendingPathComponent("data.gz"))
    }

    /// Runs a program to completion and returns its standard output; throws if it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "Fixtures", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) failed"])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What a finished child process printed, and its exit status.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
    public var lines: [String] { output.split(separator: "\n").map(String.init) }
}

extension Fixtures {
    /// Runs `executable` to completion, in `directory` when given, with `environment` added
    /// to this process's, and returns what it printed on each stream.
    public static func execute(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> ProcessResult {
        nonisolated(unsafe) var result: ProcessResult?
        let finished = DispatchSemaphore(value: 0)
        try launch(executable, arguments, environment: environment, directory: directory) {
            result = $0
            finished.signal()
        }
        finished.wait()
        return result!
    }

    /// `execute` for a test that can wait without holding a thread: a long child that mostly
    /// waits (a browser driven by a script) then leaves the test pool's threads, one per
    /// core, to other tests meanwhile.
    public static func execute(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            do {
                try launch(executable, arguments, environment: environment, directory: directory) {
                    continuation.resume(returning: $0)
                }
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Starts `executable` and calls `finished`, from a thread of its own, once the child has
    /// exited and both of its streams are read to the end.
    private static func launch(
        _ executable: URL, _ arguments: [String], environment: [String: String], directory: URL?,
        finished: @escaping @Sendable (ProcessResult) -> Void
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Both pipes are read to the end before waiting, so a chatty child cannot block:
        // stderr on a thread of its own, stdout on another. The stderr reader writes
        // errorBytes before it signals, and they are read only after wait() returns.
        nonisolated(unsafe) var errorBytes = Data()
        let errorRead = DispatchSemaphore(value: 0)
        Thread {
            errorBytes = error.fileHandleForReading.readDataToEndOfFile()
            errorRead.signal()
        }.start()
        Thread {
            let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
            errorRead.wait()
            process.waitUntilExit()
            finished(
                ProcessResult(
                    status: process.terminationStatus, output: String(decoding: outputBytes, as: UTF8.self),
                    error: String(decoding: errorBytes, as: UTF8.self)))
        }.start()
    }
}

/// `python3 -m http.server` serving a folder on 127.0.0.1, on a port the system picks.
/// Stops when `stop()` is called or the object goes away.
public final class LocalHTTPServer {
    public let port: Int
    private let process: Process

    /// The base URL of the served folder, with a trailing slash.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    /// Starts serving `folder` and returns once the server accepts connections.
    public init(serving folder: URL) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // It prints "Serving HTTP on 127.0.0.1 port N ..." once it is listening.
        let banner = Fixtures.firstLine(of: output)
        guard let range = banner.range(of: #"port (\d+)"#, options: .regularExpression),
            let port = Int(banner[range].dropFirst(5))
        else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw NSError(
                domain: "Fixtures", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "python3 http.server did not start: \(banner)"])
        }
        self.port = port
    }

    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL, not terminate(): children started from the test's worker threads inherit
        // their blocked signal mask, so the SIGTERM of terminate() would never arrive.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A TCP port on 127.0.0.1 held by this process, where no server ever answers. Not
/// listening, connections to it are refused; listening (but never accepting), they are made
/// and then hang until the client times out.
public final class SilentPort {
    public let port: Int
    private let socketDescriptor: Int32

    public init(listening: Bool) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                precondition(bind(descriptor, generic, length) == 0, "cannot bind a socket on 127.0.0.1")
                precondition(getsockname(descriptor, generic, &length) == 0, "getsockname failed")
            }
        }
        if listening { precondition(listen(descriptor, 8) == 0, "cannot listen on 127.0.0.1") }
        socketDescriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// The base URL of a web mirror on this port.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    deinit { close(socketDescriptor) }
}
