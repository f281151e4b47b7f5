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
            for j in 0..<layer.outputs { layer.bias.value.storage[j] = Float(generator.nextNormal(standardDeviation: 0.1)) }
        }
        return network
    }

    /// The logits of `network` on `rows` inputs drawn from a normal distribution with `seed`,
    /// as bit patterns, so that two networks compare equal only if they compute exactly alike.
    public static func logitBits(_ network: MLP, rows: Int, seed: UInt64, kernel: any GEMMKernel = ReferenceKernel()) -> [UInt32] {
        let workspace = MLP.Workspace(for: network, capacity: rows)
        var generator = RandomGenerator(seed: seed)
        for index in 0..<rows * network.inputCount { workspace.input.storage[index] = Float(generator.nextNormal()) }
        let logits = network.forward(workspace, rows: rows, kernel: kernel)
        return (0..<rows * network.classCount).map { logits.storage[$0].bitPattern }
    }
}
