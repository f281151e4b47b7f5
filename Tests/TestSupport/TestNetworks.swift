import NeuralNet

/// Small networks with every weight and bias set, for tests that save, load and compare them.
public enum TestNetworks {
    /// A network of the given layer sizes, He-initialized from `seed`, with random biases
    /// (a fresh network's are zero, which would hide a bias that failed to load).
    public static func random(sizes: [Int], seed: UInt64) -> MLP {
        var generator = RandomGenerator(seed: seed)
        let network = MLP(sizes: sizes)
        network.initialize(using: &generator)
        for layer in network.layers {
            for j in 0..<layer.outputs {
                layer.bias.value.storage[j] = Float(generator.nextNormal(standardDeviation: 0.1))
            }
        }
        return network
    }

    /// The logits of `network` on `rows` inputs drawn from a normal distribution with `seed`,
    /// as bit patterns, so that two networks compare equal only if they compute exactly alike.
    public static func logitBits(_ network: MLP, rows: Int, seed: UInt64, kernel: any GEMMKernel = ReferenceKernel())
        -> [UInt32]
    {
        var generator = RandomGenerator(seed: seed)
        let inputs = NormalRows(
            features: (0..<rows * network.inputCount).map { _ in Float(generator.nextNormal()) },
            featureCount: network.inputCount)
        return Evaluator(network: network, kernel: kernel).logits(on: inputs).map(\.bitPattern)
    }
}

/// Rows of given features, all labelled 0.
private struct NormalRows: Dataset {
    let features: [Float]
    let featureCount: Int
    var count: Int { features.count / featureCount }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            for j in 0..<featureCount { features[row * featureCount + j] = self.features[index * featureCount + j] }
            labels[row] = 0
        }
    }
}
