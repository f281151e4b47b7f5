import Foundation
import NeuralNet
import Testing

@Suite struct PredictionsTests {
    func trainedTrainer() throws -> (Trainer, SectorData) {
        var generator = RandomGenerator(seed: 4)
        let network = MLP(sizes: [2, 8, 3])
        network.initialize(using: &generator)
        let sgd = SGD(parameters: network.parameters, learningRate: 0.1, momentum: 0.9)
        let trainer = Trainer(
            network: network, optimizer: sgd, kernel: ReferenceKernel(), batchSize: 32, shuffleSeed: 5)
        // 2,500 examples: more than one evaluation batch, and a partial last batch.
        let data = SectorData(count: 2500, seed: 6)
        _ = try trainer.trainEpoch(on: data)
        return (trainer, data)
    }

    @Test func agreeWithEvaluateOnEveryCount() throws {
        let (trainer, data) = try trainedTrainer()
        let predictions = trainer.predictions(on: data)
        let evaluation = trainer.evaluate(on: data)
        #expect(predictions.count == 2500)
        #expect(predictions.confusion == evaluation.confusion)
        #expect(predictions.labels == data.classes.map(Int.init))
        #expect((0..<2500).filter(predictions.isCorrect).count == evaluation.correct)
    }

    @Test func probabilitiesAreASoftmaxWhoseLargestIsThePrediction() throws {
        let (trainer, data) = try trainedTrainer()
        let predictions = trainer.predictions(on: data)
        for example in 0..<predictions.count {
            let row = (0..<3).map { predictions.probability(of: $0, example: example) }
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
            #expect(row.allSatisfy { $0 >= 0 })
            #expect(predictions.confidence(example: example) == row.max())
        }
    }

    @Test func softmaxMatchesAHandComputation() {
        let logits: [Float] = [1, 2, 3]
        var probabilities = [Float](repeating: 0, count: 3)
        SoftmaxCrossEntropy.softmax(logits, count: 3, into: &probabilities)
        let total = exp(1.0) + exp(2.0) + exp(3.0)
        for (p, z) in zip(probabilities, [1.0, 2, 3]) { #expect(abs(Double(p) - exp(z) / total) < 1e-6) }
        // Large logits must not overflow.
        SoftmaxCrossEntropy.softmax([1000, 1000, 0], count: 3, into: &probabilities)
        #expect(abs(probabilities[0] - 0.5) < 1e-6 && probabilities[2] == 0)
    }

    @Test func batchLossesAverageToTheEpochLoss() throws {
        var generator = RandomGenerator(seed: 7)
        let network = MLP(sizes: [2, 8, 3])
        network.initialize(using: &generator)
        let sgd = SGD(parameters: network.parameters, learningRate: 0.1)
        let trainer = Trainer(
            network: network, optimizer: sgd, kernel: ReferenceKernel(), batchSize: 32, shuffleSeed: 8)
        let data = SectorData(count: 100, seed: 9)
        var losses: [Double] = []
        let summary = try trainer.trainEpoch(on: data) { losses.append($0.batchLoss) }
        #expect(losses.count == 4)
        // Three batches of 32 and one of 4, weighted by their sizes.
        let weighted = (losses[0] + losses[1] + losses[2]) * 32 + losses[3] * 4
        #expect(abs(weighted / 100 - summary.meanLoss) < 1e-9)
    }
}
