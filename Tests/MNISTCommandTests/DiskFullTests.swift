import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

/// On a full disk (a 256 KiB tmpfs), `train --save`, `train --save-best` and `fetch` stop with
/// an error that names the file and the lack of space, and leave nothing partial behind: the
/// previous version of a file stays as it was. Mounting needs root (CI runs as root); elsewhere
/// the tests say they skip.
@Suite(.serialized) struct DiskFullTests {
    @Test(arguments: ["--save", "--save-best"])
    func trainingReportsAFullDiskAndKeepsThePreviousModel(_ flag: String) throws {
        let folder = Fixtures.temporaryDirectory("full-disk-train")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        _ = try SyntheticMNIST.write(to: data)
        try Self.withTinyDisk { disk in
            // A small previous model fits; the new one (about 400 KB) does not.
            let model = disk.appendingPathComponent("model.safetensors")
            let previous = ModelFile(
                network: TestNetworks.random(sizes: [784, 8, 10], seed: 3), normalization: .mnist
            ).contents.encoded()
            try previous.write(to: model)
            let result = try CLI.run([
                "train", "--data", data.path, "--hidden", "128", "--limit", "100", "--validation", "100",
                "--epochs", "1", "--threads", "1", flag, model.path,
            ])
            #expect(result.status != 0)
            #expect(result.error.contains("cannot write \(model.path): "), "\(result.error)")
            #expect(result.error.contains("space"), "\(result.error)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["model.safetensors"])
            #expect(FileManager.default.contents(atPath: model.path) == previous)
        }
    }

    @Test func fetchReportsAFullDiskAndLeavesNoPartialArchive() throws {
        let mirror = Fixtures.temporaryDirectory("full-disk-mirror")
        defer { try? FileManager.default.removeItem(at: mirror) }
        _ = try SyntheticMNIST.write(to: mirror)
        try Self.withTinyDisk { disk in
            let result = try CLI.run(["fetch", "--data", disk.path, "--mirror", mirror.path, "--no-verify"])
            #expect(result.status != 0)
            let archive = disk.appendingPathComponent(MNISTFile.trainingImages.compressedName)
            #expect(result.error.contains("cannot write \(archive.path): the disk is full"), "\(result.error)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == [])
        }
    }

    /// Runs `body` on an empty 256 KiB tmpfs, unmounted afterwards; prints why and skips where
    /// this process may not mount one.
    static func withTinyDisk(_ body: (URL) throws -> Void) throws {
        guard getuid() == 0 else { return print("skipping the disk-full test: mounting a tmpfs needs root") }
        let disk = Fixtures.temporaryDirectory("full-disk")
        defer { try? FileManager.default.removeItem(at: disk) }
        let mount = try Fixtures.execute(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.path])
        guard mount.status == 0 else {
            return print("skipping the disk-full test: cannot mount a tmpfs here (\(mount.error))")
        }
        defer { _ = try? Fixtures.execute(URL(fileURLWithPath: "/bin/umount"), [disk.path]) }
        try body(disk)
    }
}
