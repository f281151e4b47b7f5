import Testing

@testable import NeuralNet

/// Analytic gradients of a whole MLP against central finite differences, plain and with
/// dropout and label smoothing.
@Suite struct GradientTests {
    /// A small network with two hidden layers on a random batch, evaluated with the
    /// reference kernel so the only error is float rounding.
    final class Problem {
        let network = MLP(sizes: [6, 7, 5, 4])
        let pass: BatchPass
        let rows = 5
        let dropoutProbability: Float
        let labelSmoothing: Float

        /// With `firstLayerPath` other than dense, the input is mostly one blank value, as an
        /// image's is, and the first layer's products take the sparse path.
        init(dropoutProbability: Float = 0, labelSmoothing: Float = 0, firstLayerPath: FirstLayerPath = .dense) {
            self.dropoutProbability = dropoutProbability
            self.labelSmoothing = labelSmoothing
            var generator = RandomGenerator(seed: 7)
            network.initialize(using: &generator)
            // Non-zero biases, so their gradients are exercised away from the initial point.
            for layer in network.layers {
                for j in 0..<layer.outputs {
                    layer.bias.value.storage[j] = Float(generator.nextNormal(standardDeviation: 0.1))
                }
            }
            pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: rows)
            pass.firstLayerPath = firstLayerPath
            for index in 0..<rows * 6 {
                let inked = firstLayerPath == .dense || generator.nextUnitDouble() < 0.3
                pass.input.storage[index] = inked ? Float(generator.nextNormal()) : -0.4242
            }
            pass.input.storage[0] = -0.4242  // the blank value the sparse path reads
            for row in 0..<rows { pass.labels[row] = Int32(row % 4) }
        }

        /// The mean loss; with `gradients`, also back-propagates into every parameter. Dropout
        /// starts from the same seed every time, so every evaluation drops the same units.
        func loss(gradients: Bool) -> Double {
            let dropout = dropoutProbability > 0 ? Dropout(probability: dropoutProbability, seed: 3) : nil
            let logits = pass.forward(rows: rows, dropout: dropout)
            let loss = SoftmaxCrossEntropy.forward(
                logits: logits, labels: pass.labels, rows: rows, classes: 4, labelSmoothing: labelSmoothing)
            if gradients {
                SoftmaxCrossEntropy.backward(
                    logits: logits, labels: pass.labels, rows: rows, classes: 4, labelSmoothing: labelSmoothing,
                    logitsGradient: pass.logitsGradient.storage)
                pass.backward(rows: rows, dropout: dropout, gradientCarry: 0)
            }
            return loss.lossSum / Double(rows)
        }
    }

    /// (dropout probability, label smoothing)
    static let variants: [(Float, Float)] = [(0, 0), (0.3, 0), (0, 0.2), (0.3, 0.2)]

    @Test(arguments: 0..<variants.count)
    func everyWeightAndBiasMatchesFiniteDifferences(variant: Int) {
        let (dropoutProbability, labelSmoothing) = Self.variants[variant]
        expectFiniteDifferences(Problem(dropoutProbability: dropoutProbability, labelSmoothing: labelSmoothing))
    }

    /// The same through the first layer's sparse products (`SparseFirstLayer`), on a mostly blank input.
    @Test(arguments: 0..<variants.count)
    func theSparseFirstLayerMatchesFiniteDifferences(variant: Int) {
        let (dropoutProbability, labelSmoothing) = Self.variants[variant]
        let problem = Problem(
            dropoutProbability: dropoutProbability, labelSmoothing: labelSmoothing, firstLayerPath: .sparse)
        expectFiniteDifferences(problem)
        #expect(problem.pass.firstLayerWasSparse)
    }

    func expectFiniteDifferences(_ problem: Problem) {
        _ = problem.loss(gradients: true)
        let step: Float = 1e-2
        var checked = 0
        for (index, parameter) in problem.network.parameters.enumerated() {
            let analytic = parameter.gradient.values
            for element in 0..<parameter.value.count {
                let original = parameter.value.storage[element]
                parameter.value.storage[element] = original + step
                let plus = problem.loss(gradients: false)
                parameter.value.storage[element] = original - step
                let minus = problem.loss(gradients: false)
                parameter.value.storage[element] = original
                let numeric = (plus - minus) / (2 * Double(step))
                // Tolerance: absolute 2e-3 plus 2% relative (float32 losses, step 1e-2).
                let difference = abs(Double(analytic[element]) - numeric)
                #expect(
                    difference <= 2e-3 + 0.02 * abs(numeric),
                    "parameter \(index) element \(element): analytic \(analytic[element]), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked == problem.network.parameterCount)
    }

    @Test(arguments: 0..<variants.count)
    func gradientIsNotTriviallyZero(variant: Int) {
        let (dropoutProbability, labelSmoothing) = Self.variants[variant]
        let problem = Problem(dropoutProbability: dropoutProbability, labelSmoothing: labelSmoothing)
        _ = problem.loss(gradients: true)
        for parameter in problem.network.parameters {
            #expect(parameter.gradient.values.contains { abs($0) > 1e-4 })
        }
    }

    @Test func theDropoutVariantDropsHiddenUnits() {
        let problem = Problem(dropoutProbability: 0.3)
        _ = problem.loss(gradients: false)
        let zeros = { (problem: Problem) in
            problem.pass.outputs[0].values.prefix(problem.rows * 7).filter { $0 == 0 }.count
        }
        let plain = Problem()
        _ = plain.loss(gradients: false)
        #expect(zeros(problem) > zeros(plain), "dropout zeroed no unit that ReLU had not")
    }
}
