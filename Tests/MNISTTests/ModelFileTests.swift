import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

@Suite struct ModelFileTests {
    static func network(sizes: [Int] = [784, 16, 10]) -> MLP { TestNetworks.random(sizes: sizes, seed: 11) }

    /// Logits of `network` for the first `rows` images of a fixed random batch, as bit patterns.
    static func logitBits(_ network: MLP, rows: Int = 20) -> [UInt32] {
        TestNetworks.logitBits(network, rows: rows, seed: 5, kernel: SwiftKernel(threads: 1))
    }

    @Test func savesAndLoadsToBitIdenticalLogitsWithItsMetadata() throws {
        let url = Fixtures.temporaryDirectory("model").appendingPathComponent("model.safetensors")
        let original = Self.network(sizes: [784, 32, 16, 10])
        let normalization = Normalization(mean: 0.2, standardDeviation: 0.31)
        try ModelFile(network: original, normalization: normalization, metadata: ["test_accuracy": "0.9801"]).save(
            to: url)

        let loaded = try ModelFile.load(from: url)
        #expect(loaded.network.sizes == [784, 32, 16, 10])
        #expect(loaded.normalization == normalization)
        #expect(Self.logitBits(loaded.network) == Self.logitBits(original))
        #expect(loaded.metadata["test_accuracy"] == "0.9801")
        #expect(loaded.metadata["architecture"] == "784-32-16-10")
        #expect(loaded.metadata["activation"] == "relu")
        #expect(loaded.metadata["format"] == "swiftmnist-mlp")
        #expect(loaded.metadata["swiftmnist_version"] == SwiftMNIST.version)
        #expect(loaded.metadata["normalization_mean"] == "0.2")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == [
                "model.safetensors"
            ])
    }

    @Test func unwritablePlaceIsReportedWithThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/folder/model.safetensors")
        let error = #expect(throws: ModelFileError.self) {
            try ModelFile(network: Self.network(), normalization: .mnist).save(to: url)
        }
        #expect(
            error?.description.hasPrefix("cannot write /nonexistent/folder/model.safetensors: ") == true,
            "\(String(describing: error))")
    }

    /// Valid safetensors files that are not usable models, each with a phrase the error must contain.
    static let unusable: [(String, @Sendable () -> SafeTensors, String)] = [
        (
            "a 100-input network", { file(network(sizes: [100, 10])) },
            "the network takes 100 inputs, but an MNIST image has 784 pixels"
        ),
        (
            "nine classes", { file(network(sizes: [784, 9])) },
            "the network has 9 outputs, but there are 10 digit classes"
        ),
        (
            "lying architecture", { file(network(), ["architecture": "784-128-10"]) },
            "its metadata says architecture 784-128-10, but its tensors are 784-16-10"
        ),
        ("another activation", { file(network(), ["activation": "tanh"]) }, "its activation is 'tanh'"),
        (
            "no normalization", { file(network(), ["normalization_mean": nil]) },
            "its metadata has no normalization_mean"
        ),
        (
            "nonsense normalization", { file(network(), ["normalization_std": "abc"]) },
            "normalization_std 'abc' is not a finite number"
        ),
        (
            "zero deviation", { file(network(), ["normalization_std": "0"]) },
            "normalization_std is 0.0, but it must be positive"
        ),
        (
            "tiny deviation", { file(network(), ["normalization_std": "1e-40"]) },
            "its normalization (mean 0.1307, standard deviation 1e-40) turns pixels into infinite inputs"
        ),
        (
            "huge mean", { file(network(), ["normalization_mean": "3e38"]) },
            "its normalization (mean 3e+38, standard deviation 0.3081) turns pixels into infinite inputs"
        ),
        (
            "a NaN weight",
            {
                let broken = network()
                broken.layers[1].weight.value.storage[7] = .nan
                return file(broken)
            }, "its tensor '2.weight' holds NaN or infinite values"
        ),
        (
            "an infinite bias",
            {
                let broken = network()
                broken.layers[0].bias.value.storage[0] = -.infinity
                return file(broken)
            }, "its tensor '0.bias' holds NaN or infinite values"
        ),
        (
            "missing bias",
            {
                var content = file(network())
                content.tensors["2.bias"] = nil
                return content
            }, "tensor '2.bias' is missing"
        ),
    ]

    /// A file for `network` with valid normalization metadata, changed by `changes`.
    static func file(_ network: MLP, _ changes: [String: String?] = [:]) -> SafeTensors {
        var metadata = ["normalization_mean": "0.1307", "normalization_std": "0.3081"]
        for (key, value) in changes { metadata[key] = value }
        return SafeTensors(tensors: network.tensors, metadata: metadata)
    }

    @Test(arguments: 0..<unusable.count)
    func rejectsFilesThatAreNotUsableModels(index: Int) throws {
        let (name, content, phrase) = Self.unusable[index]
        let url = Fixtures.temporaryDirectory("model").appendingPathComponent("bad.safetensors")
        try content().write(to: url)
        let error = #expect(throws: ModelFileError.self, "\(name)") { try ModelFile.load(from: url) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("\(url.path) is not a usable digit model: "), "\(name): \(text)")
        #expect(text.contains(phrase), "\(name): \(text)")
    }

    @Test func aFileThatIsNotSafeTensorsIsNamed() throws {
        let url = Fixtures.temporaryDirectory("model").appendingPathComponent("notes.txt")
        try Data("these are not weights\n".utf8).write(to: url)
        let error = #expect(throws: ModelFileError.self) { try ModelFile.load(from: url) }
        #expect(
            error?.description.hasPrefix("\(url.path) is not a valid safetensors file: its header length is ") == true,
            "\(String(describing: error))")

        let missing = url.deletingLastPathComponent().appendingPathComponent("absent.safetensors")
        let missingError = #expect(throws: ModelFileError.self) { try ModelFile.load(from: missing) }
        #expect(missingError?.description.hasPrefix("cannot read \(missing.path): ") == true)
    }
}
