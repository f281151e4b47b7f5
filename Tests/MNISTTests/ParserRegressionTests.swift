import Foundation
@_spi(Fuzzing) import ParserProperties
import TestSupport
import Testing

/// Every input the fuzzers (Fuzz/) found a bug with, kept in `Tests/ParserRegressions/<harness>/`
/// once the bug was fixed, goes through its harness's checks again: the parser must not crash,
/// and whatever it accepts must have the harness's properties.
@Suite struct ParserRegressionTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/ParserRegressions")

    @Test(arguments: ParserHarness.allCases)
    func keptFindingsPassTheirHarness(_ harness: ParserHarness) throws {
        let inputs = try Self.inputs(of: harness)
        for input in inputs {
            #expect(throws: Never.self, "\(harness.rawValue)/\(input.lastPathComponent)") {
                try harness.check(Data(contentsOf: input))
            }
        }
    }

    @Test func everyFolderIsAHarness() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        let harnesses = Set(ParserHarness.allCases.map(\.rawValue))
        #expect(folders.filter { !harnesses.contains($0) && $0 != "README.md" } == [])
    }

    /// The files kept for `harness`, none when it has found nothing yet.
    static func inputs(of harness: ParserHarness) throws -> [URL] {
        let folder = Self.folder.appendingPathComponent(harness.rawValue)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
    }
}
