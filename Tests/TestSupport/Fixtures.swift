import Foundation

/// Paths and scratch space shared by the test suites.
public enum Fixtures {
    /// The package's root folder (the one holding Package.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The offline MNIST mirror beside the checkout (`../shared/mnist`), if it is there.
    public static var sharedMNIST: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/mnist")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path) ? url : nil
    }

    /// A new empty folder under the system's temporary directory.
    public static func temporaryDirectory(_ label: String = "test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mnist-\(label)-\(UUID().uuidString)", isDirectory: true)
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
            throw NSError(domain: "Fixtures", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) failed"])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
