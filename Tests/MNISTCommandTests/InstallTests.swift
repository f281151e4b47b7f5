import Foundation
import TestSupport
import Testing

/// `make install` copies the release binary to `PREFIX/bin`. `-o build` keeps make from
/// building the release binary here; `MNIST=` installs the one beside this test bundle.
@Suite struct InstallTests {
    static func makeInstall(_ prefix: String, environment: [String: String] = [:]) throws -> ProcessResult {
        // Through /bin/sh (dash), which passes a ~ after PREFIX= on as it is.
        try Fixtures.execute(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c",
                "make -s -C '\(Fixtures.packageRoot.path)' -o build install PREFIX=\(prefix) MNIST='\(CLI.executable.path)'",
            ],
            environment: environment)
    }

    @Test func installsIntoPrefixAndRunsFromAnywhere() throws {
        let prefix = Fixtures.temporaryDirectory("install")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try Self.makeInstall(prefix.path)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let installed = prefix.appendingPathComponent("bin/mnist")
        #expect(result.output.contains("installed \(installed.path)"))
        #expect(FileManager.default.isExecutableFile(atPath: installed.path))
        let version = try Fixtures.execute(installed, ["--version"])
        let built = try CLI.run(["--version"])
        #expect(version.status == 0 && version.output == built.output)

        // From another folder, without --data, it says where it looked and what to give.
        let elsewhere = try Fixtures.execute(
            installed, ["train"], environment: ["MNIST_DATA": "data/mnist"], directory: prefix)
        #expect(elsewhere.status == 1)
        #expect(elsewhere.error.contains("point --data (or MNIST_DATA) at a folder"), "\(elsewhere.error)")
    }

    /// Run by name from PATH, `mnist bench` starts its own executable for the contention runs'
    /// load, not `./mnist` (all `CommandLine.arguments[0]` says).
    @Test func benchFromPathRunsItsContentionRuns() throws {
        let prefix = Fixtures.temporaryDirectory("install-bench")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let install = try Self.makeInstall(prefix.path)
        #expect(install.status == 0, "\(install.output)\(install.error)")
        let data = prefix.appendingPathComponent("data")
        _ = try SyntheticMNIST.write(to: data)
        let result = try Fixtures.execute(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c",
                "mnist bench --data '\(data.path)' --kernel swift --threads 1 --shape-batches 1 --batches 8 --epochs 1 --limit 16 --contention-batches 8",
            ],
            environment: ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin"], directory: data)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let contention = result.lines.drop(while: { !$0.contains("under one-core contention") })
        #expect(contention.count == 3, "\(result.output)")
        #expect(contention.last?.starts(with: "  8      1 ") == true, "\(result.output)")
    }

    @Test func tildePrefixIsTheHomeFolder() throws {
        let home = Fixtures.temporaryDirectory("install-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try Self.makeInstall("~/.local", environment: ["HOME": home.path])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(FileManager.default.isExecutableFile(atPath: home.appendingPathComponent(".local/bin/mnist").path))
    }

    @Test func unwritablePrefixSaysWhatToDo() throws {
        let result = try Self.makeInstall("/proc/mnist-install-test")
        #expect(result.status != 0)
        #expect(result.output.contains("use sudo make install, or make install PREFIX=~/.local"), "\(result.output)")
    }
}
