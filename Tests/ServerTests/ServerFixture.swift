#if Server
import Foundation
import Images
import MNIST
import TestSupport

/// What the server tests share, made once: a small model trained by `mnist train` with its
/// report folder, and the first MNIST test digits written as PNG and PGM files.
struct ServerFixture {
    var model: URL
    var report: URL
    var folder: URL
    var data: URL
    /// Test digits as files, with their labels.
    var digits: [(png: URL, pgm: URL, pixels: [UInt8], label: Int)]

    /// The fixture, or nil without the MNIST files in ../shared/mnist (the tests then skip).
    static let shared = Result { () throws -> ServerFixture? in
        guard let mirror = Fixtures.sharedMNIST else { return nil }
        let folder = Fixtures.reusedDirectory("serve-fixture")
        let model = folder.appendingPathComponent("small.safetensors")
        let report = folder.appendingPathComponent("report")
        let training = try MNISTBinary.run([
            "train", "--data", mirror.path, "--limit", "10000", "--validation", "1000", "--epochs", "3",
            "--hidden", "128", "--threads", "1", "--save", model.path, "--report", report.path,
        ])
        guard training.status == 0 else { throw RawHTTP.failure("mnist train failed: \(training.error)") }
        let test = try MNISTDirectory(mirror).testSet()
        var digits: [(URL, URL, [UInt8], Int)] = []
        for index in 0..<10 {
            let pixels = Array(test.pixels[index * 784..<(index + 1) * 784])
            let image = PixelImage(width: 28, height: 28, channels: 1, pixels: pixels)
            let png = folder.appendingPathComponent("digit-\(index).png")
            let pgm = folder.appendingPathComponent("digit-\(index).pgm")
            try PNG.encode(image).write(to: png)
            try (Data("P5\n28 28\n255\n".utf8) + Data(pixels)).write(to: pgm)
            digits.append((png, pgm, pixels, Int(test.labels[index])))
        }
        return ServerFixture(model: model, report: report, folder: folder, data: mirror, digits: digits)
    }
}

/// The `mnist` binary built beside the test bundle (with the Server trait, as `make test` builds it).
enum MNISTBinary {
    static let url: URL = {
        let folder =
            Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return folder.appendingPathComponent("mnist")
    }()

    static func run(_ arguments: [String]) throws -> ProcessResult { try Fixtures.execute(url, arguments) }
}

/// `mnist serve` running on 127.0.0.1 on a port the system picked, until `stop`.
final class RunningServer {
    let process = Process()
    let port: Int
    private let output = Pipe()
    private let errors = Pipe()

    /// Starts `mnist serve --model model` with `arguments` added, and returns once it listens.
    init(model: URL, _ arguments: [String] = []) throws {
        process.executableURL = MNISTBinary.url
        process.arguments = ["serve", "--model", model.path, "--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let banner = Fixtures.firstLine(of: output)
        guard let range = banner.range(of: #"http://[^ ]+:(\d+)/"#, options: .regularExpression),
            let port = Int(banner[range].split(separator: ":").last!.dropLast())
        else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let error = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw RawHTTP.failure("mnist serve did not start: \(banner) \(error)")
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data()
    ) throws -> RawHTTP.Reply {
        try RawHTTP.request(port: port, method, path, headers: headers, body: body)
    }

    /// Sends `signal` and waits for the process to end; returns its status and what it printed.
    @discardableResult
    func stop(_ signal: Int32 = SIGINT) -> (status: Int32, output: String, error: String) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let error = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: printed, as: UTF8.self), String(decoding: error, as: UTF8.self)
        )
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
#endif
