import Foundation
import NeuralNet
import TestSupport
import Testing

@Suite struct MLPTensorsTests {
    static func network(sizes: [Int] = [5, 4, 3, 2], seed: UInt64 = 3) -> MLP {
        TestNetworks.random(sizes: sizes, seed: seed)
    }

    /// The logits of `network` on a fixed random batch, as bit patterns.
    static func logitBits(_ network: MLP, rows: Int = 7) -> [UInt32] {
        TestNetworks.logitBits(network, rows: rows, seed: 99)
    }

    @Test func namesAndShapesFollowPyTorchSequential() {
        let tensors = Self.network().tensors
        #expect(Set(tensors.keys) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(tensors["0.weight"]?.shape == [4, 5])
        #expect(tensors["2.bias"]?.shape == [3])
        #expect(tensors["4.weight"]?.shape == [2, 3])
        #expect(tensors.values.allSatisfy { $0.dtype == .float32 })
    }

    @Test func roundTripGivesBitIdenticalLogitsThroughTheFileFormat() throws {
        let original = Self.network()
        let bytes = SafeTensors(tensors: original.tensors).encoded()
        let loaded = try MLP(tensors: SafeTensors(parsing: bytes, name: "net").tensors)
        #expect(loaded.sizes == original.sizes)
        #expect(Self.logitBits(loaded) == Self.logitBits(original))
        for (a, b) in zip(loaded.parameters, original.parameters) {
            #expect(a.value.values.map(\.bitPattern) == b.value.values.map(\.bitPattern))
        }
    }

    /// Changes to a valid network's tensors, each with a phrase the error must contain.
    static let broken: [(String, @Sendable (inout [String: SafeTensors.Tensor]) -> Void, String)] = [
        ("missing weight", { $0["2.weight"] = nil }, "tensor '2.weight' is missing"),
        ("missing bias", { $0["4.bias"] = nil }, "tensor '4.bias' is missing"),
        (
            "missing first layer",
            {
                $0["0.weight"] = nil
                $0["0.bias"] = nil
            }, "tensor '0.weight' is missing"
        ),
        ("extra tensor", { $0["running_mean"] = $0["0.bias"] }, "unexpected tensor 'running_mean'"),
        ("parameters on a ReLU", { $0["1.weight"] = $0["2.weight"] }, "module 1 would be a ReLU"),
        ("nothing", { $0 = [:] }, "it holds no tensors"),
        (
            "bias length", { $0["2.bias"] = floats([1, 2], shape: [2]) },
            "tensor '2.bias' has shape [2], expected [3] to match '2.weight' [3, 4]"
        ),
        (
            "bias as a matrix", { $0["0.bias"] = floats([1, 2, 3, 4], shape: [1, 4]) },
            "tensor '0.bias' has shape [1, 4], expected [4]"
        ),
        (
            "weight as a vector", { $0["0.weight"] = floats(Array(repeating: 0, count: 20), shape: [20]) },
            "tensor '0.weight' has shape [20], expected [outputs, inputs]"
        ),
        (
            "layers do not chain", { $0["2.weight"] = floats(Array(repeating: 0, count: 15), shape: [3, 5]) },
            "layers do not chain: '2.weight' [3, 5] takes 5 inputs, but the layer before it has 4 outputs"
        ),
        (
            "float16", { $0["4.weight"] = SafeTensors.Tensor(dtype: .float16, shape: [2, 3], bytes: Data(count: 12)) },
            "tensor '4.weight' is F16, but only F32 (float32) is supported"
        ),
    ]

    static func floats(_ values: [Float], shape: [Int]) -> SafeTensors.Tensor {
        values.withUnsafeBufferPointer { SafeTensors.Tensor(shape: shape, floats: $0) }
    }

    @Test(arguments: 0..<broken.count)
    func rejectsTensorsThatAreNotAnMLP(index: Int) {
        let (name, change, phrase) = Self.broken[index]
        var tensors = Self.network().tensors
        change(&tensors)
        let error = #expect(throws: MLPLayoutError.self, "\(name)") { try MLP(tensors: tensors) }
        #expect(error?.description.contains(phrase) == true, "\(name): \(error?.description ?? "no error")")
    }
}
