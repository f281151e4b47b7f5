import Foundation
import TestSupport
import Testing

/// Runs the built `mnist` executable and captures what it prints.
struct CLI {
    /// The `mnist` binary built beside this test bundle (`swift build` builds it).
    static let executable: URL = {
        let folder =
            Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return folder.appendingPathComponent("mnist")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [
                    NSLocalizedDescriptionKey: "\(executable.path) is missing: run `swift build` before `swift test`"
                ])
        }
        return try Fixtures.execute(executable, arguments, environment: environment)
    }
}

@Suite struct TrainFlagTests {
    /// Nonsense flags, each with a phrase the error must contain.
    static let nonsense: [([String], String)] =
        [
            (["--batch-size", "0"], "--batch-size must be at least 1"),
            (["--lr", "-0.1"], "--lr must be a positive number"),
            (["--lr", "nan"], "--lr must be a positive number"),
            (["--hidden", ""], "hidden"),
            (["--hidden", "128,0"], "--hidden must list positive layer widths"),
            (["--hidden", "12,,4"], "hidden"),
            (["--epochs", "0"], "--epochs must be at least 1"),
            (["--momentum", "1"], "--momentum must be at least 0 and below 1"),
            (["--validation", "-5"], "--validation must be 0 or more"),
            (["--threads", "0"], "--threads must be a whole number of at least 1, or auto"),
            (["--std", "0"], "--std must be positive"),
            (["--limit", "0"], "--limit must be at least 1"),
        ] + recipeNonsense

    @Test(arguments: 0..<nonsense.count)
    func rejectsNonsenseBeforeDoingAnyWork(index: Int) throws {
        let (flags, phrase) = Self.nonsense[index]
        let result = try CLI.run(["train", "--data", "/nonexistent"] + flags)
        #expect(result.status != 0)
        #expect(result.error.contains(phrase), "\(flags): \(result.error)")
        #expect(!result.error.contains("does not exist"), "flags must be checked before data is read")
    }

    @Test func missingDataDirectorySaysWhatToDo() throws {
        let result = try CLI.run(["train", "--data", "/nonexistent/mnist"])
        #expect(result.status == 1)
        #expect(result.error.contains("the data directory /nonexistent/mnist does not exist"))
        #expect(result.error.contains("mnist fetch"))
        #expect(result.error.split(separator: "\n").count <= 2, "one clear message, no stack trace: \(result.error)")
    }

    @Test func environmentVariableNamesTheDataDirectory() throws {
        let result = try CLI.run(["train"], environment: ["MNIST_DATA": "/nonexistent/from-env"])
        #expect(result.status == 1)
        #expect(result.error.contains("/nonexistent/from-env"))
    }

    @Test func corruptDataFileIsReportedByName() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("corrupt")
        for name in ["train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(
                at: mirror.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let images = try Data(contentsOf: mirror.appendingPathComponent("train-images-idx3-ubyte.gz"))
        try images.prefix(images.count / 3).write(to: folder.appendingPathComponent("train-images-idx3-ubyte.gz"))
        let result = try CLI.run(["train", "--data", folder.path])
        #expect(result.status == 1)
        #expect(
            result.error.contains("train-images-idx3-ubyte.gz is not a valid gzip file: the file is truncated"),
            "\(result.error)")
    }
}

@Suite struct TrainEndToEndTests {
    @Test func oneEpochOnTenThousandImagesReachesNinetyPercent() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--limit", "10000", "--validation", "1000", "--epochs", "1", "--threads",
            "1",
        ])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.lines
        print(result.output)
        #expect(
            lines.contains { $0.hasPrefix("epoch 1/1  loss ") && $0.contains(" val ") && $0.hasSuffix(" samples/s") })
        #expect(lines.contains { $0.hasPrefix("  9: ") })
        let last = try #require(lines.last)
        let match = try #require(last.wholeMatch(of: /test accuracy: (\d{1,3}\.\d\d)%/))
        let accuracy = try #require(Double(match.1))
        #expect(accuracy >= 90, "\(last)")
    }
}

@Suite struct TrainReproducibilityTests {
    /// The output with the timing columns (seconds, samples/s, load time) removed.
    func withoutTimings(_ output: String) -> [String] {
        output.split(separator: "\n").map { line in
            String(line).replacing(#/\s+[\d.]+ s\s+[\d,]+ samples/s$/#, with: "").replacing(#/ in [\d.]+ s$/#, with: "")
        }
    }

    @Test func sameSeedOneThreadGivesTheSameRun() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let arguments = [
            "train", "--data", mirror.path, "--limit", "3000", "--validation", "500", "--epochs", "2", "--threads", "1",
        ]
        let first = try CLI.run(arguments + ["--seed", "5"])
        let second = try CLI.run(arguments + ["--seed", "5"])
        let other = try CLI.run(arguments + ["--seed", "6"])
        #expect(first.status == 0 && second.status == 0 && other.status == 0)
        #expect(withoutTimings(first.output) == withoutTimings(second.output))
        #expect(withoutTimings(first.output) != withoutTimings(other.output))
    }

    @Test func divergingLossStopsWithAdvice() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--limit", "3000", "--validation", "0", "--epochs", "1",
            "--lr", "1e6", "--schedule", "constant",
        ])
        #expect(result.status == 1)
        #expect(result.error.contains("training diverged"), "\(result.error)")
        #expect(result.error.contains("Try a lower learning rate (--lr)"))
    }
}

@Suite struct KernelChoiceTests {
    @Test func trainsWithTheSwiftKernel() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--kernel", "swift", "--threads", "2", "--limit", "2000",
            "--validation", "500", "--epochs", "1", "--hidden", "32",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("kernel swift, threads 2"))
        #expect(result.lines.last?.hasPrefix("test accuracy: ") == true)
    }

    @Test func threadsAreAutomaticByDefaultAndNamedInTheStartupLine() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run([
            "train", "--data", mirror.path, "--limit", "1000", "--validation", "0", "--epochs", "1",
        ])
        #expect(result.status == 0, "\(result.error)")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(result.output.contains(cores > 1 ? "threads auto (1 or \(cores), chosen as it runs)" : "threads 1"))
    }

    @Test func unknownKernelIsRejected() throws {
        let result = try CLI.run(["train", "--kernel", "cuda"])
        #expect(result.status != 0)
        #expect(result.error.contains("unknown kernel 'cuda'"))
    }

    /// OpenBLAS and LAPACKE (the map's principal axes) come and go together with the trait.
    @Test func binaryLinksOpenBLASExactlyWhenTheTraitIsOn() throws {
        let libraries = try Fixtures.run("/usr/bin/ldd", [CLI.executable.path])
        #if OpenBLAS
        #expect(libraries.contains("libopenblas"))
        #expect(libraries.contains("liblapacke"))
        #else
        #expect(!libraries.contains("openblas"), "a build without the OpenBLAS trait must not link it:\n\(libraries)")
        #expect(
            !libraries.contains("lapack"), "a build without the OpenBLAS trait must not link LAPACK(E):\n\(libraries)")
        #expect(try CLI.run(["train", "--kernel", "blas"]).error.contains("this build has no OpenBLAS kernel"))
        #endif
    }
}

@Suite struct BenchTests {
    @Test func checksAgreementThenTimesAndWritesJSON() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let json = Fixtures.temporaryDirectory("bench").appendingPathComponent("bench.json")
        let result = try CLI.run([
            "bench", "--data", mirror.path, "--batches", "32", "--shape-batches", "4", "--threads", "1",
            "--epochs", "1", "--limit", "256", "--contention-batches", "16", "--json", json.path,
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("agreement with the reference kernel"))
        #expect(result.output.contains("4×128×784 NT"))
        #if OpenBLAS
        #expect(
            result.lines.first?.contains("; OpenBLAS ") == true, "bench names the library: \(result.lines.first ?? "")")
        #endif

        let measurements = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let machine = try #require(measurements["machine"] as? [String: Any])
        #expect(machine["cores"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
        let results = try #require(measurements["results"] as? [[String: Any]])
        let training = results.filter { $0["benchmark"] as? String == "training" }
        #expect(result.output.contains("dense limit: 454 kFLOP per training sample of the 784-128-64-10 MLP"))
        let limits = results.filter { $0["benchmark"] as? String == "dense limit" }
        #expect(limits.count == 1 && limits.allSatisfy { ($0["samples_per_second"] as? Double ?? 0) > 0 })
        #if OpenBLAS
        #expect(Set(training.compactMap { $0["kernel"] as? String }) == ["blas", "swift"])
        #else
        #expect(Set(training.compactMap { $0["kernel"] as? String }) == ["swift"])
        #endif
        for row in training {
            let contention = try #require(row["contention"] as? Bool)
            #expect(row["batch"] as? Int == (contention ? 16 : 32))
            #expect(row["threads"] as? Int == 1)
            #expect(row["automatic_threads"] as? Bool == false)
            #expect((row["samples_per_second"] as? Double ?? 0) > 0)
        }
        #expect(Set(training.compactMap { $0["contention"] as? Bool }) == [false, true])
        #expect(result.output.contains("under one-core contention"))
        #expect(results.contains { $0["benchmark"] as? String == "gemm" && ($0["gflops"] as? Double ?? 0) > 0 })
        // The distorted images' ink: some entries differ from the blank value, and every one of
        // them makes its group-column count, so the group-column share is at least as large.
        let augmentation = results.filter { $0["benchmark"] as? String == "augmentation" }
        #expect(Set(augmentation.compactMap { $0["augmentation"] as? String }) == ["none", "affine", "elastic"])
        for row in augmentation {
            let inked = try #require(row["inked_share"] as? Double)
            let groupColumns = try #require(row["group_column_share"] as? Double)
            #expect(inked > 0.05 && inked < 0.5 && groupColumns >= inked && groupColumns <= 1, "\(row)")
        }
        #expect(
            result.lines.contains { $0.hasPrefix("  none ") && $0.contains("; inked ") && $0.contains("group-columns") }
        )
    }

    @Test func missingDataOrJSONFolderIsSaidBeforeAnyTiming() throws {
        let noData = try CLI.run(["bench", "--data", "/nonexistent/mnist"])
        #expect(noData.status == 1)
        #expect(noData.error.contains("the data directory /nonexistent/mnist does not exist"), "\(noData.error)")
        #expect(!noData.output.contains("agreement"), "the data is read before the kernels are timed")
        let noFolder = try CLI.run(["bench", "--data", "/nonexistent/mnist", "--json", "/nonexistent/out/bench.json"])
        #expect(noFolder.status == 64)
        #expect(
            noFolder.error.contains("--json /nonexistent/out/bench.json: the folder /nonexistent/out does not exist."))
    }
}
