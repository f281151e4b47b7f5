import Foundation
import NeuralNet
import Testing

/// A weight `[1, −2]` that decays and a bias `[3]` that does not, with three steps' gradients
/// chosen so that momentum, bias correction and weight decay all show. The expected values were
/// worked out by hand from PyTorch's update rules (and agree with `torch.optim` 2.13 to 1e-9).
struct TinyProblem {
    let weight = Parameter(rows: 1, columns: 2, decays: true)
    let bias = Parameter(rows: 1, columns: 1, decays: false)
    let gradients: [(weight: [Float], bias: Float)] = [([0.5, 1], -1), ([-0.2, 1], -1), ([0.1, -0.5], -1)]

    init() {
        weight.value.storage.update(from: [1, -2], count: 2)
        bias.value.storage[0] = 3
    }

    /// Runs `optimizer` for the three steps and returns `[w₀, w₁, b]` after each.
    func run(_ optimizer: any Optimizer) -> [[Float]] {
        gradients.map { gradient in
            deliver(gradient.weight, to: weight, for: optimizer)
            deliver([gradient.bias], to: bias, for: optimizer)
            optimizer.step()
            return [weight.value[0, 0], weight.value[0, 1], bias.value[0, 0]]
        }
    }
}

/// Puts `gradient` in `parameter`'s gradient buffer as a backward pass given `optimizer`'s
/// `gradientCarry` does: for a weight matrix (a parameter that decays), added to the carry
/// times what the optimizer left there; for a bias, in its place.
func deliver(_ gradient: [Float], to parameter: Parameter, for optimizer: any Optimizer) {
    let carry = parameter.decays ? optimizer.gradientCarry : 0
    let buffer = parameter.gradient.storage
    for (index, value) in gradient.enumerated() {
        buffer[index] = carry * buffer[index] + value
    }
}

func expectClose(
    _ actual: [[Float]], _ expected: [[Double]], tolerance: Double = 2e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (step, (got, want)) in zip(actual, expected).enumerated() {
        for (index, (a, e)) in zip(got, want).enumerated() {
            #expect(
                abs(Double(a) - e) <= tolerance, "step \(step + 1), value \(index): \(a), expected \(e)",
                sourceLocation: sourceLocation)
        }
    }
}

@Suite struct NesterovTests {
    @Test func looksAheadAlongTheMomentum() {
        let problem = TinyProblem()
        let sgd = SGD(
            parameters: [problem.weight, problem.bias], learningRate: 0.1, momentum: 0.5, weightDecay: 0.01,
            nesterov: true)
        // Step 1: g = ∇ + 0.01·w = [0.51, 0.98], v = g, w −= 0.1·(g + 0.5·v) = 0.1·[0.765, 1.47];
        //         bias: v = −1, b −= 0.1·(−1.5).
        // Step 2: g = [−0.2 + 0.009235, 1 − 0.02147], v = 0.5·[0.51, 0.98] + g = [0.069235, 1.46853],
        //         w −= 0.1·(g + 0.5·v) = 0.1·[−0.1561175, 1.712795]; bias: v = −1.5, b += 0.1·1.75.
        // Step 3: g = [0.1 + 0.0093936475, −0.5 − 0.023182795], v = 0.5·v + g,
        //         w −= 0.1·(g + 0.5·v); bias: v = −1.75, b += 0.1·1.875.
        expectClose(
            problem.run(sgd),
            [
                [0.9235, -2.147, 3.15],
                [0.93936475, -2.3182795, 3.325],
                [0.921349828, -2.276515331, 3.5125],
            ])
    }

    @Test func classicalMomentumDiffersOnlyInTheLookAhead() {
        let classical = TinyProblem()
        let nesterov = TinyProblem()
        let first = classical.run(
            SGD(parameters: [classical.weight, classical.bias], learningRate: 0.1, momentum: 0.5))
        let second = nesterov.run(
            SGD(parameters: [nesterov.weight, nesterov.bias], learningRate: 0.1, momentum: 0.5, nesterov: true))
        // Bias, constant gradient −1: classical steps 0.1·(1, 1.5, 1.75), Nesterov 0.1·(1.5, 1.75, 1.875).
        #expect(abs(first[2][2] - 3.425) < 1e-6)
        #expect(abs(second[2][2] - 3.5125) < 1e-6)
    }
}

@Suite struct AdamTests {
    @Test func correctsTheBiasOfItsMovingAverages() {
        let problem = TinyProblem()
        let adam = Adam(parameters: [problem.weight, problem.bias], learningRate: 0.1, weightDecay: 0.1)
        // The bias sees a constant gradient: once corrected, m̂ = −1 and √v̂ = 1 at every step, so
        // it moves by exactly the learning rate (uncorrected, the first step would be
        // 0.1 · 0.1 / √0.001 ≈ 0.32).
        // Weight 0, step 1: g = 0.5 + 0.1·1 = 0.6, m = 0.06, v = 0.00036, m̂ = 0.6, √v̂ = 0.6: w = 0.9.
        // Step 2: g = −0.2 + 0.09 = −0.11, m = 0.054 − 0.011 = 0.043, v = 0.00035964 + 0.0000121
        //         = 0.00037174; m̂ = 0.043 / 0.19 = 0.2263158, √v̂ = √(0.00037174 / 0.001999)
        //         = 0.4312343: w = 0.9 − 0.1 · 0.5248094 = 0.8475191. Momentum keeps it falling
        //         although this step's gradient points the other way.
        expectClose(
            problem.run(adam),
            [
                [0.9, -2.1, 3.1],
                [0.847519063, -2.199965233, 3.2],
                [0.790162183, -2.230556342, 3.3],
            ])
        #expect(adam.stepCount == 3)
    }

    @Test func usesTheGivenBetas() {
        let problem = TinyProblem()
        let adam = Adam(parameters: [problem.weight, problem.bias], learningRate: 0.1, beta1: 0.5, beta2: 0.9)
        // Weight 0, step 1: m = 0.25, v = 0.025, m̂ = 0.5, √v̂ = 0.5: w = 0.9.
        // Step 2: m = 0.125 − 0.1 = 0.025, v = 0.0225 + 0.004 = 0.0265;
        // m̂ = 0.025 / 0.75 = 0.0333333, √v̂ = √(0.0265 / 0.19) = 0.3734618: w = 0.9 − 0.0089255.
        expectClose(
            problem.run(adam),
            [
                [0.9, -2.1, 3.1],
                [0.891074501, -2.2, 3.2],
                [0.867486377, -2.216798036, 3.3],
            ])
    }

    /// Adam works on eight elements at a time: nine weights make one full group and one
    /// element left over, each checked against the update rule computed in `Double`.
    @Test(arguments: [false, true])
    func updatesFullGroupsAndTheRemainderAlike(decoupled: Bool) {
        let parameter = Parameter(rows: 3, columns: 3, decays: true)
        var generator = RandomGenerator(seed: 4)
        var w = (0..<9).map { _ in generator.nextNormal() }
        for (index, value) in w.enumerated() { parameter.value.storage[index] = Float(value) }
        var m = [Double](repeating: 0, count: 9)
        var v = m
        let (lr, β1, β2, ε, decay) = (0.01, 0.9, 0.999, 1e-8, 0.1)
        let adam = Adam(
            parameters: [parameter], learningRate: Float(lr), weightDecay: Float(decay), decoupledWeightDecay: decoupled
        )
        for t in 1...3 {
            let gradient = (0..<9).map { _ in generator.nextNormal(standardDeviation: 0.1) }
            deliver(gradient.map(Float.init), to: parameter, for: adam)
            adam.step()
            for i in 0..<9 {
                if decoupled { w[i] *= 1 - lr * decay }
                let g = gradient[i] + (decoupled ? 0 : decay * w[i])
                m[i] = β1 * m[i] + (1 - β1) * g
                v[i] = β2 * v[i] + (1 - β2) * g * g
                let step =
                    lr / (1 - pow(β1, Double(t))) * m[i]
                    / (v[i].squareRoot() / (1 - pow(β2, Double(t))).squareRoot() + ε)
                w[i] -= step
                #expect(abs(Double(parameter.value.storage[i]) - w[i]) < 1e-6, "step \(t), element \(i)")
            }
        }
    }

    @Test func adamWDecaysTheWeightsApartFromTheGradient() {
        let problem = TinyProblem()
        let adamW = Adam(
            parameters: [problem.weight, problem.bias], learningRate: 0.1, weightDecay: 0.1, decoupledWeightDecay: true)
        // Step 1: w shrinks by 1 − 0.1 · 0.1 = 0.99 to [0.99, −1.98], then moves by 0.1 against
        // the sign of ∇ (the decay is not in m or v): [0.89, −2.08]. The bias does not decay.
        expectClose(
            problem.run(adamW),
            [
                [0.89, -2.08, 3.1],
                [0.846539418, -2.159199998, 3.2],
                [0.800134847, -2.189173338, 3.3],
            ])
    }
}
