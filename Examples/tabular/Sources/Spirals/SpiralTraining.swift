import Foundation
import NeuralNet

/// How the example trains a network to tell the spirals' arms apart: an MLP with two hidden
/// layers of ReLU units, Adam on a cosine schedule, mini-batches of 32.
public struct SpiralTraining {
    /// The widths of the hidden layers.
    public var hiddenWidths = [64, 64]
    /// Passes over the training points.
    public var epochs = 40
    /// Points per training step.
    public var batchSize = 32
    /// Adam's learning rate before the cosine schedule lowers it.
    public var learningRate: Float = 0.01
    /// Seeds the initial weights and the order of the points in each epoch.
    public var seed: UInt64 = 1

    /// The example's recipe.
    public init() {}

    /// A new network trained on `data`, its products run by `kernel`; `epochDone` is called
    /// after every epoch. Throws `TrainingError.nonFiniteLoss` if training diverges.
    public func train(
        on data: Spirals, kernel: any GEMMKernel, epochDone: (EpochSummary) -> Void = { _ in }
    ) throws -> MLP {
        var generator = RandomGenerator(seed: seed)
        let network = MLP(sizes: [data.featureCount] + hiddenWidths + [data.arms])
        network.initialize(using: &generator)  // He initialization, biases zero
        let optimizer = Adam(parameters: network.parameters, learningRate: learningRate)
        let stepsPerEpoch = Trainer.batchCount(examples: data.count, batchSize: batchSize)
        let trainer = Trainer(
            network: network, optimizer: optimizer, kernel: kernel, batchSize: batchSize,
            shuffleSeed: seed, schedule: .cosine, plannedSteps: epochs * stepsPerEpoch)
        for _ in 0..<epochs {
            epochDone(try trainer.trainEpoch(on: data))
        }
        return network
    }
}

extension MLP {
    /// Saves the weights and biases as a safetensors file (written to a temporary file, then
    /// renamed into place).
    public func save(to url: URL) throws {
        try SafeTensors(tensors: tensors, metadata: ["architecture": architecture]).write(to: url)
    }

    /// The network saved at `url` by `save(to:)`.
    public static func load(from url: URL) throws -> MLP {
        try MLP(tensors: SafeTensors(contentsOf: url).tensors)
    }
}
