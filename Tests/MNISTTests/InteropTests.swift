import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

/// PyTorch reads our model files: the check runs `Tests/Interop/torch_logits.py` with the
/// venv's Python (`make venv`), and is skipped, with a message, when that has no PyTorch.
@Suite struct InteropTests {
    static let python = Fixtures.packageRoot.appendingPathComponent(".venv/bin/python")

    /// Whether the venv's Python can import torch, safetensors and numpy.
    static let hasPyTorch: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? Fixtures.run(python.path, ["-c", "import torch, safetensors, numpy"])) != nil
    }()

    @Test(.enabled(if: hasPyTorch, "PyTorch is not in .venv: run `make venv` to include the PyTorch interop check"))
    func pyTorchLoadsOurFileAndComputesTheSameLogits() throws {
        guard let mirror = Fixtures.sharedMNIST else {
            return print("skipping the PyTorch interop check: no ../shared/mnist")
        }
        let directory = MNISTDirectory(mirror)
        let folder = Fixtures.temporaryDirectory("interop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelURL = folder.appendingPathComponent("model.safetensors")

        // A briefly trained model, so the logits have the spread of a real one. The kernel is
        // this build's default (the Swift kernel in `make test KERNEL=swift`); debug builds
        // of the Swift kernel are slow, so the training is short.
        var recipe = TrainingRecipe()
        (recipe.epochs, recipe.batchSize) = (1, 100)
        let kernel = KernelKind.preferred.make(threads: 1)
        let run = recipe.makeRun(training: try directory.trainingSet().slice(0..<2000), kernel: kernel)
        _ = try run.trainEpoch()
        try ModelFile(network: run.network, normalization: recipe.normalization).save(to: modelURL)

        // Our logits for the test set, from the model as loaded back.
        let model = try ModelFile.load(from: modelURL)
        let test = NormalizedImages(try directory.testSet(), normalization: model.normalization)
        let logits = Evaluator(network: model.network, kernel: kernel).logits(on: test)
        let logitsURL = folder.appendingPathComponent("\(KernelKind.preferred.rawValue).safetensors")
        try logits.withUnsafeBufferPointer {
            try SafeTensors(tensors: ["logits": SafeTensors.Tensor(shape: [test.count, 10], floats: $0)]).write(
                to: logitsURL)
        }

        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Interop/torch_logits.py").path
        let result = try Fixtures.execute(
            Self.python, [script, modelURL.path, mirror.path, logitsURL.path, "--tolerance", "1e-5"],
            directory: Fixtures.packageRoot)
        print("PyTorch interop:\n\(result.output)")
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let line = try #require(result.lines.first)
        #expect(line.hasPrefix("\(KernelKind.preferred.rawValue).safetensors: max abs difference "))
        #expect(line.contains("over 10000 images"))
    }
}
