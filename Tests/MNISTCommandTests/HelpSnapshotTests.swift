import Foundation
import TestSupport
import Testing

/// The help text of `mnist` and of every subcommand, compared with the snapshots in
/// Tests/HelpSnapshots, so that a change to any help text shows up in review as a change to a
/// text file. After an intended change, regenerate them all with
/// `UPDATE_HELP_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
@Suite struct HelpSnapshotTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/HelpSnapshots")
    static let updateCommand = "UPDATE_HELP_SNAPSHOTS=1 swift test --filter HelpSnapshotTests"
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_HELP_SNAPSHOTS"] == "1" }

    /// Help at a fixed width, whatever the terminal.
    static func help(_ arguments: [String]) throws -> String {
        let result = try CLI.run(arguments, environment: ["COLUMNS": "100"])
        #expect(result.status == 0, "\(arguments): \(result.error)")
        return result.output
    }

    /// The subcommands `mnist --help` lists, so that a new one gets a snapshot too.
    static func subcommands() throws -> [String] {
        let lines = try help(["--help"]).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
        }.filter { $0 != "help" }
    }

    @Test func everySubcommandsHelpMatchesItsSnapshot() throws {
        #if OpenBLAS
        let names = try Self.subcommands()
        #expect(names.contains("train") && names.contains("predict"), "\(names)")
        let pages =
            [("mnist", try Self.help(["--help"]))] + (try names.map { ("mnist-\($0)", try Self.help(["help", $0])) })
        if Self.updating {
            try? FileManager.default.removeItem(at: Self.folder)
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        }
        for (name, text) in pages {
            let file = Self.folder.appendingPathComponent("\(name).txt")
            if Self.updating {
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let snapshot = try? String(contentsOf: file, encoding: .utf8)
            let firstDifference =
                zip(text.split(separator: "\n"), (snapshot ?? "").split(separator: "\n"))
                .first { $0 != $1 }.map { "\n  now:      \($0.0)\n  snapshot: \($0.1)" } ?? ""
            #expect(
                snapshot == text,
                "help of \(name) differs from Tests/HelpSnapshots/\(name).txt\(firstDifference)\nIf the change is intended, run: \(Self.updateCommand)"
            )
        }
        let stored = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(
            stored == pages.map { "\($0.0).txt" }.sorted(),
            "Tests/HelpSnapshots holds snapshots of commands that no longer exist; run: \(Self.updateCommand)")
        #else
        print("skipping: the snapshots are of the default build (with OpenBLAS), whose --kernel help differs")
        #endif
    }

    /// No option's help gives its default twice (our words and the parser's `(default: ...)`).
    @Test func eachDefaultIsGivenOnce() throws {
        for name in try Self.subcommands() {
            // An option's entry starts with two spaces and a dash; its wrapped lines are indented more.
            var entries: [String] = []
            for line in try Self.help(["help", name]).split(separator: "\n") {
                if line.hasPrefix("  -") || entries.isEmpty {
                    entries.append(String(line))
                } else {
                    entries[entries.count - 1] += " " + line
                }
            }
            for entry in entries {
                let defaults = entry.components(separatedBy: "(default").count - 1
                #expect(defaults <= 1, "mnist \(name): \(entry.split(separator: " ").joined(separator: " "))")
            }
        }
    }
}
