import TestSupport
import Testing

@testable import NeuralNet

/// `BatchPass.backwardToInput`, the gradient of one logit minus another with respect to the
/// input, against central finite differences; and it leaves the parameters' gradients alone.
@Suite struct InputGradientTests {
    let network = TestNetworks.random(sizes: [9, 8, 6, 4], seed: 11)
    let rows = 3
    let inputs: [Float]

    init() {
        var generator = RandomGenerator(seed: 5)
        inputs = (0..<rows * 9).map { _ in Float(generator.nextNormal()) }
    }

    /// logit[row][toward] − logit[row][awayFrom] for every row, at `inputs`.
    func margins(_ inputs: [Float], toward: Int, awayFrom: Int) -> [Double] {
        let pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: rows)
        pass.input.storage.update(from: inputs, count: inputs.count)
        let logits = pass.forward(rows: rows)
        return (0..<rows).map { row -> Double in
            Double(logits[row * 4 + toward]) - Double(logits[row * 4 + awayFrom])
        }
    }

    /// The analytic gradient: the seed +1 on `toward`, −1 on `awayFrom`, back to the input.
    func gradient(toward: Int, awayFrom: Int) -> [Float] {
        let pass = BatchPass(network: network, kernel: ReferenceKernel(), capacity: rows)
        pass.input.storage.update(from: inputs, count: inputs.count)
        pass.forward(rows: rows)
        pass.logitsGradient.fill(0)
        for row in 0..<rows {
            pass.logitsGradient[row, toward] = 1
            pass.logitsGradient[row, awayFrom] = -1
        }
        return Array(pass.backwardToInput(rows: rows).values.prefix(rows * 9))
    }

    @Test(arguments: [(0, 1), (2, 3), (3, 0)])
    func matchesFiniteDifferences(toward: Int, awayFrom: Int) {
        let analytic = gradient(toward: toward, awayFrom: awayFrom)
        let center = margins(inputs, toward: toward, awayFrom: awayFrom)
        let step: Float = 1e-3
        var compared = 0
        for element in 0..<inputs.count {
            let row = element / 9
            var plus = inputs
            plus[element] += step
            var minus = inputs
            minus[element] -= step
            let above = (margins(plus, toward: toward, awayFrom: awayFrom)[row] - center[row]) / Double(step)
            let below = (center[row] - margins(minus, toward: toward, awayFrom: awayFrom)[row]) / Double(step)
            // A ReLU that changes sides within the step makes the two slopes differ: no
            // derivative to compare there.
            guard abs(above - below) <= 1e-2 + 0.01 * abs(above) else { continue }
            let numeric = (above + below) / 2
            // float32 logits, step 1e-3: absolute 2e-3 plus 1% relative.
            #expect(
                abs(Double(analytic[element]) - numeric) <= 2e-3 + 0.01 * abs(numeric),
                "input \(element): analytic \(analytic[element]), numeric \(numeric)")
            compared += 1
        }
        #expect(compared >= inputs.count * 3 / 4, "only \(compared) inputs away from a ReLU's corner")
        #expect(analytic.contains { abs($0) > 1e-3 }, "the gradient is all zero")
    }

    @Test func leavesTheParametersGradientsAlone() {
        for parameter in network.parameters { parameter.gradient.fill(7) }
        _ = gradient(toward: 0, awayFrom: 1)
        for parameter in network.parameters {
            #expect(parameter.gradient.values.allSatisfy { $0 == 7 })
        }
    }
}
