import NeuralNet
import Testing

@Suite struct DropoutTests {
    @Test func keptUnitsAreScaledExactlyAndDroppedOnesAreZero() {
        let count = 100_000
        let original = (0..<count).map { Float($0 % 97) * 0.25 + 1 }  // all positive
        var values = original
        let dropout = Dropout(probability: 0.3, seed: 1)
        dropout.forward(&values, count: count)
        #expect(dropout.keptScale == 1 / Float(0.7))
        var dropped = 0
        for (value, before) in zip(values, original) {
            if value == 0 { dropped += 1 } else { #expect(value == before * dropout.keptScale) }
        }
        // Binomial(100,000, 0.3): standard deviation 145 units; allow five.
        #expect(abs(dropped - 30_000) < 725, "dropped \(dropped)")
    }

    @Test func meanActivationIsUnchanged() {
        let count = 200_000
        var values = [Float](repeating: 2, count: count)
        Dropout(probability: 0.5, seed: 2).forward(&values, count: count)
        let mean = values.reduce(0, +) / Float(count)
        // Each unit is 0 or 4: standard deviation of the mean 2/√200,000 ≈ 0.0045; allow five.
        #expect(abs(mean - 2) < 0.023, "mean \(mean)")
    }

    @Test func sameSeedSameMaskOtherSeedOtherMask() {
        func mask(seed: UInt64) -> [Bool] {
            var values = [Float](repeating: 1, count: 1001)  // odd: the last unit uses half a draw
            Dropout(probability: 0.4, seed: seed).forward(&values, count: values.count)
            return values.map { $0 == 0 }
        }
        #expect(mask(seed: 7) == mask(seed: 7))
        #expect(mask(seed: 7) != mask(seed: 8))
        // Successive calls draw fresh masks.
        let dropout = Dropout(probability: 0.4, seed: 7)
        var first = [Float](repeating: 1, count: 64)
        var second = first
        dropout.forward(&first, count: 64)
        dropout.forward(&second, count: 64)
        #expect(first != second)
    }

    @Test func probabilityZeroChangesNothing() {
        let original = (0..<33).map { Float($0) - 16 }
        var values = original
        let dropout = Dropout(probability: 0, seed: 3)
        dropout.forward(&values, count: values.count)
        #expect(values == original)
        #expect(dropout.keptScale == 1)
    }

    @Test func backwardPassesScaledGradientOnlyWhereTheOutputIsPositive() {
        let output: [Float] = [0, 2.5, 0, 0.1, 3]
        var gradient: [Float] = [1, 2, 3, -4, 5]
        Dropout.backwardThroughReLU(output: output, gradient: &gradient, count: 5, keptScale: 2)
        #expect(gradient == [0, 4, 0, -8, 10])
    }
}

@Suite struct DropoutInTrainingTests {
    func makeTrainer(dropout: Dropout?) -> Trainer {
        var generator = RandomGenerator(seed: 5)
        let network = MLP(sizes: [2, 16, 16, 3])
        network.initialize(using: &generator)
        let sgd = SGD(parameters: network.parameters, learningRate: 0.1, momentum: 0.9)
        return Trainer(
            network: network, optimizer: sgd, kernel: ReferenceKernel(), batchSize: 32, shuffleSeed: 6, dropout: dropout
        )
    }

    @Test func evaluationDoesNotDrop() {
        let data = SectorData(count: 500, seed: 3)
        let withDropout = makeTrainer(dropout: Dropout(probability: 0.5, seed: 1))
        let without = makeTrainer(dropout: nil)  // the same initial weights
        let first = withDropout.evaluate(on: data)
        let second = withDropout.evaluate(on: data)
        let reference = without.evaluate(on: data)
        #expect(first.confusion == reference.confusion && second.confusion == reference.confusion)
        #expect(first.meanLoss == reference.meanLoss && second.meanLoss == reference.meanLoss)
    }

    @Test func trainingStepsDropAndStayReproducible() throws {
        let data = SectorData(count: 320, seed: 3)
        let first = makeTrainer(dropout: Dropout(probability: 0.2, seed: 1))
        let second = makeTrainer(dropout: Dropout(probability: 0.2, seed: 1))
        let otherMasks = makeTrainer(dropout: Dropout(probability: 0.2, seed: 2))
        let without = makeTrainer(dropout: nil)
        for trainer in [first, second, otherMasks, without] {
            for _ in 0..<2 { _ = try trainer.trainEpoch(on: data) }
        }
        let weights = { (trainer: Trainer) in trainer.network.parameters.flatMap(\.value.values) }
        #expect(weights(first) == weights(second))
        #expect(weights(first) != weights(otherMasks))
        #expect(weights(first) != weights(without))
    }
}
