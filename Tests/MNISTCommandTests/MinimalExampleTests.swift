import Foundation
import TestSupport
import Testing

/// Runs the built `Examples/mnist-minimal` executable, the textbook loop, on the real data.
@Suite struct MinimalExampleTests {
    /// The `mnist-minimal` binary, built beside `mnist` and this test bundle.
    static let executable = CLI.executable.deletingLastPathComponent().appendingPathComponent("mnist-minimal")

    static func run(_ arguments: [String]) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [
                    NSLocalizedDescriptionKey: "\(executable.path) is missing: run `swift build` before `swift test`"
                ])
        }
        return try Fixtures.execute(executable, arguments)
    }

    @Test func printsOneLinePerEpochThenTestAccuracyOfAtLeastNinetySevenPercent() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try Self.run([mirror.path])
        #expect(result.status == 0, "\(result.error)")
        print(result.output)
        let epochLines = result.lines.dropLast()
        #expect(!epochLines.isEmpty)
        for (epoch, line) in zip(1..., epochLines) {
            #expect(line.hasPrefix("epoch \(epoch)/\(epochLines.count)  loss "), "\(line)")
            #expect(line.wholeMatch(of: #/epoch \d+/\d+  loss \d+\.\d{4}/#) != nil, "\(line)")
        }
        let last = try #require(result.lines.last)
        let match = try #require(last.wholeMatch(of: /test accuracy: (\d{1,3}\.\d\d)%/))
        let accuracy = try #require(Double(match.1))
        #expect(accuracy >= 97, "\(last)")
    }

    @Test func missingDataDirectorySaysWhatToDo() throws {
        let result = try Self.run(["/nonexistent/mnist"])
        #expect(result.status == 1)
        #expect(result.error.contains("the data directory /nonexistent/mnist does not exist"), "\(result.error)")
    }
}
