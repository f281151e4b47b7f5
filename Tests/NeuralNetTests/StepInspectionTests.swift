import Testing

@testable import NeuralNet

/// What a trainer tells about the step it just took, for the page's step mode: each layer's
/// gradient norms (against finite differences of the loss) and the batch it trained (against
/// the data in the shuffled order).
@Suite struct StepInspectionTests {
    /// SGD with classical momentum (whose weight gradient buffers carry the velocity), Nesterov
    /// momentum with weight decay, and Adam.
    static let optimizers = ["SGD with momentum", "Nesterov", "Adam"]

    static func trainer(_ optimizer: Int, network: MLP) -> Trainer {
        let parameters = network.parameters
        let made: any Optimizer =
            switch optimizer {
            case 0: SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, weightDecay: 1e-3)
            case 1: SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, weightDecay: 1e-3, nesterov: true)
            default: Adam(parameters: parameters, learningRate: 0.01)
            }
        return Trainer(network: network, optimizer: made, kernel: ReferenceKernel(), batchSize: 8, shuffleSeed: 11)
    }

    /// A pass of `network` holding `batch` (the reference kernel, no dropout).
    static func pass(of network: MLP, on batch: TrainedBatch) -> BatchPass {
        let pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: batch.indices.count)
        pass.input.storage.update(from: batch.features, count: batch.features.count)
        for (row, label) in batch.labels.enumerated() { pass.labels[row] = Int32(label) }
        return pass
    }

    /// The mean loss of `network` on `batch`.
    static func loss(of network: MLP, on batch: TrainedBatch) -> Double {
        let rows = batch.indices.count
        let pass = pass(of: network, on: batch)
        let logits = pass.forward(rows: rows)
        return SoftmaxCrossEntropy.forward(logits: logits, labels: pass.labels, rows: rows, classes: network.classCount)
            .lossSum / Double(rows)
    }

    /// ‖∂loss/∂p‖ of every parameter of `network` on `batch`: from a fresh backward pass, and
    /// from central finite differences.
    static func referenceNorms(of network: MLP, on batch: TrainedBatch) -> (backward: [Double], numeric: [Double]) {
        let rows = batch.indices.count
        let pass = pass(of: network, on: batch)
        let logits = pass.forward(rows: rows)
        SoftmaxCrossEntropy.backward(
            logits: logits, labels: pass.labels, rows: rows, classes: network.classCount,
            logitsGradient: pass.logitsGradient.storage)
        pass.backward(rows: rows, gradientCarry: 0)
        let backward = network.parameters.map {
            $0.gradient.values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        }
        let nudge: Float = 1e-3
        let numeric = network.parameters.map { parameter in
            (0..<parameter.value.count).reduce(0.0) { sum, element in
                let original = parameter.value.storage[element]
                parameter.value.storage[element] = original + nudge
                let plus = loss(of: network, on: batch)
                parameter.value.storage[element] = original - nudge
                let minus = loss(of: network, on: batch)
                parameter.value.storage[element] = original
                let slope = (plus - minus) / (2 * Double(nudge))
                return sum + slope * slope
            }.squareRoot()
        }
        return (backward, numeric)
    }

    @Test(arguments: 0..<optimizers.count)
    func gradientNormsMatchAFreshBackwardPassAndFiniteDifferences(optimizer: Int) throws {
        var generator = RandomGenerator(seed: 5)
        let network = MLP(sizes: [2, 6, 5, 3])
        network.initialize(using: &generator)
        let trainer = Self.trainer(optimizer, network: network)
        trainer.measuresGradientNorms = true
        let data = SectorData(count: 40, seed: 9)
        // Two steps first, so that momentum and Adam's moments are under way.
        for _ in 0..<2 { _ = try trainer.trainBatch(on: data) }
        let before = network.parameters.map(\.value.values)
        _ = try trainer.trainBatch(on: data)
        let batch = try #require(trainer.lastBatch())

        // The network as it was before the step, apart from the trainer and its optimizer.
        let copy = MLP(sizes: network.sizes)
        for (parameter, values) in zip(copy.parameters, before) {
            parameter.value.storage.update(from: values, count: values.count)
        }
        let (backward, numeric) = Self.referenceNorms(of: copy, on: batch)
        let measured = trainer.gradientNorms.flatMap { [$0.weight, $0.bias] }
        #expect(measured.count == 6)
        for (index, norm) in measured.enumerated() {
            let what = "\(Self.optimizers[optimizer]), layer \(index / 2) \(index % 2 == 0 ? "weights" : "biases")"
            #expect(backward[index] > 1e-3, "\(what) has no gradient to compare")
            #expect(abs(norm - backward[index]) <= 1e-5 * backward[index], "\(what): \(norm) vs \(backward[index])")
            #expect(abs(norm - numeric[index]) <= 1e-3 + 0.01 * numeric[index], "\(what): \(norm) vs \(numeric[index])")
        }
    }

    @Test func measuringChangesNoWeightAndIsOffByDefault() throws {
        let data = SectorData(count: 40, seed: 9)
        var weights: [[Float]] = []
        for measures in [false, true] {
            var generator = RandomGenerator(seed: 5)
            let network = MLP(sizes: [2, 6, 3])
            network.initialize(using: &generator)
            let trainer = Self.trainer(0, network: network)
            #expect(!trainer.measuresGradientNorms && trainer.gradientNorms.isEmpty)
            trainer.measuresGradientNorms = measures
            for _ in 0..<7 { _ = try trainer.trainBatch(on: data) }
            #expect(trainer.gradientNorms.count == (measures ? 2 : 0))
            weights.append(network.parameters.flatMap(\.value.values))
        }
        #expect(weights[0] == weights[1], "measuring the norms changed the training")
    }

    @Test func theLastBatchIsTheDataInTheEpochsShuffledOrder() throws {
        let data = SectorData(count: 20, seed: 9)
        var generator = RandomGenerator(seed: 5)
        let network = MLP(sizes: [2, 4, 3])
        network.initialize(using: &generator)
        let trainer = Self.trainer(0, network: network)
        #expect(trainer.lastBatch() == nil)
        // The order an epoch shuffles into, drawn apart from the trainer from its seed.
        var shuffler = RandomGenerator(seed: 11)
        var order = Array(0..<20)
        var seen: [Int] = []
        for epoch in 0..<2 {
            order.shuffle(using: &shuffler)
            for batch in 0..<3 {  // 8, 8 and 4 examples
                _ = try trainer.trainBatch(on: data)
                let trained = try #require(trainer.lastBatch())
                let expected = Array(order[batch * 8..<min(batch * 8 + 8, 20)])
                #expect(trained.indices == expected, "epoch \(epoch + 1), batch \(batch + 1)")
                #expect(trained.labels == expected.map { Int(data.classes[$0]) })
                #expect(trained.featureCount == 2)
                for (row, index) in expected.enumerated() {
                    #expect(
                        Array(trained.features(ofRow: row)) == [data.points[2 * index], data.points[2 * index + 1]])
                }
                if epoch == 0 { seen += trained.indices }
            }
        }
        #expect(seen.sorted() == Array(0..<20), "an epoch draws every example once")
    }
}
