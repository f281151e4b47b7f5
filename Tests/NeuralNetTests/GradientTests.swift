import NeuralNet
import Testing

/// Analytic gradients of a whole MLP against central finite differences.
@Suite struct GradientTests {
    /// A small network with two hidden layers on a random batch, evaluated with the
    /// reference kernel so the only error is float rounding.
    final class Problem {
        let network = MLP(sizes: [6, 7, 5, 4])
        let workspace: MLP.Workspace
        let rows = 5
        let kernel = ReferenceKernel()

        init() {
            var generator = RandomGenerator(seed: 7)
            network.initialize(using: &generator)
            // Non-zero biases, so their gradients are exercised away from the initial point.
            for layer in network.layers {
                for j in 0..<layer.outputs { layer.bias.value.storage[j] = Float(generator.nextNormal(standardDeviation: 0.1)) }
            }
            workspace = MLP.Workspace(for: network, capacity: rows)
            for index in 0..<rows * 6 { workspace.input.storage[index] = Float(generator.nextNormal()) }
            for row in 0..<rows { workspace.labels[row] = Int32(row % 4) }
        }

        /// The mean loss; with `gradients`, also back-propagates into every parameter.
        func loss(gradients: Bool) -> Double {
            let logits = network.forward(workspace, rows: rows, kernel: kernel)
            let result = SoftmaxCrossEntropy.evaluate(
                logits: logits.storage, labels: workspace.labels, rows: rows, classes: 4,
                gradient: gradients ? workspace.logitsGradient.storage : nil)
            if gradients { network.backward(workspace, rows: rows, kernel: kernel) }
            return result.lossSum / Double(rows)
        }
    }

    @Test func everyWeightAndBiasMatchesFiniteDifferences() {
        let problem = Problem()
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
                #expect(difference <= 2e-3 + 0.02 * abs(numeric),
                        "parameter \(index) element \(element): analytic \(analytic[element]), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked == problem.network.parameterCount)
    }

    @Test func gradientIsNotTriviallyZero() {
        let problem = Problem()
        _ = problem.loss(gradients: true)
        for parameter in problem.network.parameters {
            #expect(parameter.gradient.values.contains { abs($0) > 1e-4 })
        }
    }
}
