import Foundation
import NeuralNet
import Testing

/// Points in the plane, labelled by which of three angular sectors they fall in.
struct SectorData: Dataset {
    let points: [Float]
    let classes: [Int32]

    init(count: Int, seed: UInt64) {
        var generator = RandomGenerator(seed: seed)
        var points: [Float] = []
        var classes: [Int32] = []
        for _ in 0..<count {
            let angle = generator.nextUnitDouble() * 2 * Double.pi
            let radius = 0.5 + generator.nextUnitDouble()
            points += [Float(radius * cos(angle)), Float(radius * sin(angle))]
            classes.append(Int32(angle / (2 * Double.pi / 3)))
        }
        self.points = points
        self.classes = classes
    }

    var count: Int { classes.count }
    var featureCount: Int { 2 }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        for (row, index) in indices.enumerated() {
            features[2 * row] = points[2 * index]
            features[2 * row + 1] = points[2 * index + 1]
            labels[row] = classes[index]
        }
    }
}

@Suite struct TrainerTests {
    func makeTrainer(seed: UInt64, learningRate: Float = 0.1, kernel: any GEMMKernel = ReferenceKernel()) -> Trainer {
        var generator = RandomGenerator(seed: seed)
        let network = MLP(sizes: [2, 16, 16, 3])
        network.initialize(using: &generator)
        let sgd = SGD(parameters: network.parameters, learningRate: learningRate, momentum: 0.9)
        return Trainer(network: network, optimizer: sgd, kernel: kernel, batchSize: 32, shuffleSeed: generator.next())
    }

    @Test func learnsASeparableProblem() throws {
        let trainer = makeTrainer(seed: 1)
        let data = SectorData(count: 1000, seed: 2)
        let before = trainer.evaluate(on: data).accuracy
        var summaries: [EpochSummary] = []
        for _ in 0..<10 { summaries.append(try trainer.trainEpoch(on: data)) }
        let after = trainer.evaluate(on: data)
        #expect(after.accuracy > 0.95, "accuracy \(before) → \(after.accuracy)")
        #expect(summaries.last!.meanLoss < summaries.first!.meanLoss / 2)
        #expect(after.count == 1000)
        #expect(trainer.epoch == 10)
    }

    @Test func sameSeedGivesIdenticalWeights() throws {
        let data = SectorData(count: 300, seed: 3)
        let first = makeTrainer(seed: 9)
        let second = makeTrainer(seed: 9)
        let third = makeTrainer(seed: 10)
        for trainer in [first, second, third] {
            for _ in 0..<2 { _ = try trainer.trainEpoch(on: data) }
        }
        let weights = { (trainer: Trainer) in trainer.network.parameters.flatMap(\.value.values) }
        #expect(weights(first) == weights(second))
        #expect(weights(first) != weights(third))
    }

    @Test func reportsProgressAfterEveryBatch() throws {
        let trainer = makeTrainer(seed: 1)
        var batches: [Int] = []
        _ = try trainer.trainEpoch(on: SectorData(count: 100, seed: 2)) { batches.append($0.batch) }
        #expect(batches == [1, 2, 3, 4])  // 100 examples in batches of 32: the last holds 4
    }

    @Test func stopsWhenTheLossStopsBeingANumber() {
        let trainer = makeTrainer(seed: 1, learningRate: 1e30)
        #expect(throws: TrainingError.self) {
            for _ in 0..<3 { _ = try trainer.trainEpoch(on: SectorData(count: 200, seed: 2)) }
        }
    }

    @Test func evaluationDrawsNoRandomNumbersAndChangesNothing() {
        let trainer = makeTrainer(seed: 4)
        let data = SectorData(count: 2500, seed: 5)
        let weights = trainer.network.parameters.flatMap(\.value.values)
        let first = trainer.evaluate(on: data)
        let second = trainer.evaluate(on: data)
        #expect(first.confusion == second.confusion)
        #expect(first.count == 2500)
        #expect(trainer.network.parameters.flatMap(\.value.values) == weights)
    }
}
