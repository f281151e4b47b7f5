import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

/// `mnist export`: the ONNX file it writes passes onnx's full check and computes in
/// onnxruntime what `mnist evaluate` does (`Tests/Interop/onnx_check.py`, run with the venv's
/// Python from `make venv`; skipped, with a message, when the venv lacks onnx or onnxruntime),
/// and bad input gets a clear error and leaves no file behind.
@Suite struct ExportTests {
    static let python = Fixtures.packageRoot.appendingPathComponent(".venv/bin/python")

    /// Whether the venv's Python can import onnx, onnxruntime, safetensors and numpy.
    static let hasONNX: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? Fixtures.run(python.path, ["-c", "import onnx, onnxruntime, safetensors, numpy"])) != nil
    }()

    static let quick = ["--limit", "2000", "--validation", "0", "--epochs", "1", "--threads", "1"]

    @Test(
        .enabled(if: hasONNX, "onnx and onnxruntime are not in .venv: run `make venv` to include the ONNX checks"),
        arguments: [[], ["--hidden", "256,128,64"]])
    func onnxRuntimeComputesWhatEvaluateDoes(hidden: [String]) throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping the ONNX check: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.safetensors").path
        let onnx = folder.appendingPathComponent("model.onnx").path

        let train = try CLI.run(["train", "--data", mirror.path, "--save", model] + hidden + Self.quick)
        #expect(train.status == 0, "\(train.error)")
        let export = try CLI.run(["export", "--model", model, "--onnx", onnx])
        #expect(export.status == 0, "\(export.error)")
        let architecture = hidden.isEmpty ? "784-128-64-10" : "784-256-128-64-10"
        #expect(export.lines.first?.hasPrefix("wrote \(onnx): \(architecture) MLP, ONNX opset 13, ") == true)

        // What `mnist evaluate` computes, per image: its logits, from the model as it loads it.
        let loaded = try ModelFile.load(from: URL(fileURLWithPath: model))
        let test = NormalizedImages(try MNISTDirectory(mirror).testSet(), normalization: loaded.normalization)
        let logits = Evaluator(network: loaded.network, kernel: KernelKind.preferred.make(threads: 1)).logits(on: test)
        let logitsURL = folder.appendingPathComponent("logits.safetensors")
        try logits.withUnsafeBufferPointer {
            try SafeTensors(tensors: ["logits": SafeTensors.Tensor(shape: [test.count, 10], floats: $0)]).write(
                to: logitsURL)
        }

        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Interop/onnx_check.py").path
        let docs = Fixtures.packageRoot.appendingPathComponent("docs/onnx.md").path
        let check = try Fixtures.execute(
            Self.python, [script, onnx, model, mirror.path, logitsURL.path, "--docs", docs, "--tolerance", "1e-5"])
        print("ONNX check of \(architecture):\n\(check.output)\(check.error)")
        #expect(check.status == 0, "\(check.error)")
        let measured = try #require(
            try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
        #expect(measured["predictions_agree"] as? Int == 10_000)
        #expect(measured["docs_predictions_agree"] as? Int == 100)

        // And the whole of `mnist evaluate`: onnxruntime's predictions make its confusion matrix.
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", mirror.path, "--json", "-"])
        #expect(evaluate.status == 0, "\(evaluate.error)")
        let evaluation = try #require(
            try JSONSerialization.jsonObject(with: Data(evaluate.output.utf8)) as? [String: Any])
        let confusion = try #require(evaluation["confusion"] as? [[Int]])
        #expect(measured["confusion"] as? [[Int]] == confusion)
    }

    @Test func badInputGetsOneClearErrorAndWritesNothing() throws {
        let folder = Fixtures.temporaryDirectory("export-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.safetensors")
        try ModelFile(network: TestNetworks.random(sizes: [784, 16, 10], seed: 1), normalization: .mnist).save(
            to: model)
        let garbage = folder.appendingPathComponent("garbage.safetensors")
        try Data("not a model at all".utf8).write(to: garbage)
        let kept = folder.appendingPathComponent("kept.onnx")
        try Data("an earlier export".utf8).write(to: kept)
        let output = folder.appendingPathComponent("out.onnx").path

        let cases: [([String], String)] = [
            (["--model", folder.appendingPathComponent("missing.safetensors").path, "--onnx", output], "no such file"),
            (["--model", garbage.path, "--onnx", kept.path], "garbage.safetensors"),
            (["--model", folder.path, "--onnx", output], "is a folder; give the model file"),
            (
                ["--model", model.path, "--onnx", folder.appendingPathComponent("nowhere/out.onnx").path],
                "does not exist"
            ),
            (["--model", model.path, "--onnx", folder.path], "is a folder; give a file name such as"),
            (["--model", model.path, "--onnx", garbage.appendingPathComponent("out.onnx").path], "does not exist"),
            // Root may write anywhere on disk, but not create files in /proc.
            (["--model", model.path, "--onnx", "/proc/mnist-export-test.onnx"], "/proc/mnist-export-test.onnx"),
        ]
        for (arguments, phrase) in cases {
            let result = try CLI.run(["export"] + arguments)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(result.error.hasPrefix("Error: "), "\(arguments): \(result.error)")
            #expect(result.error.contains(phrase), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty)
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "garbage.safetensors", "kept.onnx", "model.safetensors",
            ], "no file, temporary or final, is left behind")
        #expect(try Data(contentsOf: kept) == Data("an earlier export".utf8), "a failed export keeps the old file")
        #expect(!FileManager.default.fileExists(atPath: "/proc/mnist-export-test.onnx"))

        let export = try CLI.run(["export", "--model", model.path, "--onnx", kept.path])
        #expect(export.status == 0, "\(export.error)")
        #expect(try Data(contentsOf: kept).count > 784 * 16 * 4, "the file is replaced by the model")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3)
    }
}
