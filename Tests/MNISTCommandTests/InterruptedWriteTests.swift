import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

/// `mnist` killed (SIGKILL: no cleanup runs) at moments spread over a whole run never leaves a
/// partial file under a name it writes: each file is absent, the previous version, or a
/// complete new one that loads.
@Suite(.serialized) struct InterruptedWriteTests {
    /// Kills per command, at moments spread over one uninterrupted run's duration: every
    /// third one as soon as a write begins instead.
    static let kills = 15

    @Test func killedTrainingLeavesEachModelFileWholeOrAsItWas() throws {
        let folder = Fixtures.temporaryDirectory("killed-train")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        _ = try SyntheticMNIST.write(to: data)
        let best = folder.appendingPathComponent("best.safetensors")
        let last = folder.appendingPathComponent("last.safetensors")
        // Tiny epochs: the best model is rewritten whenever validation improves, the last at the end.
        let arguments = [
            "train", "--data", data.path, "--hidden", "16", "--limit", "100", "--validation", "200",
            "--epochs", "20", "--lr", "0.05", "--threads", "1", "--save-best", best.path, "--save", last.path,
        ]
        let previous = ModelFile(
            network: TestNetworks.random(sizes: [784, 8, 10], seed: 3), normalization: .mnist
        ).contents.encoded()

        let duration = try Self.timeToFinish(arguments)
        for file in [best, last] {
            #expect(try ModelFile.load(from: file).network.sizes == [784, 16, 10], "an uninterrupted run's \(file)")
        }
        var generator = RandomGenerator(seed: 17)
        for kill in 0..<Self.kills {
            // Every other run starts from the previous version, the others from no file.
            for file in [best, last] {
                try? FileManager.default.removeItem(at: file)
                if kill % 2 == 1 { try previous.write(to: file) }
            }
            let watching = kill % 3 == 2
            try Self.run(
                arguments, killedAfter: watching ? 2 * duration : Self.moment(kill, of: duration, using: &generator),
                watching: watching ? folder : nil)
            for file in [best, last] {
                guard let bytes = FileManager.default.contents(atPath: file.path) else {
                    #expect(kill % 2 == 0, "kill \(kill) removed the previous \(file.lastPathComponent)")
                    continue
                }
                guard bytes != previous else { continue }
                let model = try? ModelFile(parsing: bytes, name: file.lastPathComponent)
                #expect(
                    model?.network.sizes == [784, 16, 10],
                    "kill \(kill) left \(file.lastPathComponent) partial (\(bytes.count) bytes)")
            }
        }
    }

    @Test func killedFetchLeavesEachArchiveWholeOrAsItWas() throws {
        let folder = Fixtures.temporaryDirectory("killed-fetch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mirror = folder.appendingPathComponent("mirror")
        let data = folder.appendingPathComponent("data")
        let archives = try SyntheticMNIST.write(to: mirror)
        let arguments = ["fetch", "--data", data.path, "--mirror", mirror.path, "--no-verify"]
        // A damaged earlier download, which fetch replaces.
        let damaged = archives[.trainingImages]!.prefix(1000)

        let duration = try Self.timeToFinish(arguments)
        for (file, archive) in archives {
            #expect(
                FileManager.default.contents(atPath: data.appendingPathComponent(file.compressedName).path) == archive)
        }
        var generator = RandomGenerator(seed: 71)
        for kill in 0..<Self.kills {
            try? FileManager.default.removeItem(at: data)
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let previous = kill % 2 == 1 ? damaged : nil
            try previous?.write(to: data.appendingPathComponent(MNISTFile.trainingImages.compressedName))
            let watching = kill % 3 == 2
            try Self.run(
                arguments, killedAfter: watching ? 2 * duration : Self.moment(kill, of: duration, using: &generator),
                watching: watching ? data : nil)
            for (file, archive) in archives {
                let bytes = FileManager.default.contents(atPath: data.appendingPathComponent(file.compressedName).path)
                #expect(
                    bytes == nil || bytes == archive || (file == .trainingImages && bytes == previous),
                    "kill \(kill) left \(file.compressedName) partial (\(bytes?.count ?? 0) bytes)")
            }
        }
    }

    /// Kill `index` of `kills` happens at a random moment in the index-th slice of `duration`,
    /// so the moments cover the whole run.
    static func moment(_ index: Int, of duration: Double, using generator: inout RandomGenerator) -> Double {
        duration * (Double(index) + generator.nextUnitDouble()) / Double(kills)
    }

    /// Runs `mnist` to the end and returns how many seconds it took; it must succeed.
    static func timeToFinish(_ arguments: [String]) throws -> Double {
        let start = ContinuousClock.now
        let result = try CLI.run(arguments)
        try #require(result.status == 0, "\(result.error)")
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Starts `mnist` and sends it SIGKILL after `seconds` unless it has finished by then. With
    /// `watching`, it is killed earlier, as soon as a new name shows up in that folder: the
    /// moment a write begins (a temporary file, or a target written in place).
    static func run(_ arguments: [String], killedAfter seconds: Double, watching folder: URL? = nil) throws {
        let names = { Set((try? FileManager.default.contentsOfDirectory(atPath: folder?.path ?? "")) ?? []) }
        let before = names()
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline, process.isRunning {
            if folder != nil, !names().subtracting(before).isEmpty { break }
            usleep(folder == nil ? 1000 : 100)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
