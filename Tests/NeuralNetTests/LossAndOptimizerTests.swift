import Foundation
import NeuralNet
import Testing

@Suite struct SoftmaxCrossEntropyTests {
    @Test func matchesTheDefinitionOnASmallCase() {
        let logits: [Float] = [1, 2, 3]
        var gradient = [Float](repeating: 0, count: 3)
        let result = SoftmaxCrossEntropy.forward(logits: logits, labels: [Int32(0)], rows: 1, classes: 3)
        SoftmaxCrossEntropy.backward(logits: logits, labels: [Int32(0)], rows: 1, classes: 3, logitsGradient: &gradient)
        let sum = exp(1.0) + exp(2.0) + exp(3.0)
        #expect(abs(result.lossSum - (log(sum) - 1)) < 1e-5)
        #expect(result.correct == 0)
        #expect(abs(Double(gradient[0]) - (exp(1.0) / sum - 1)) < 1e-6)
        #expect(abs(Double(gradient[2]) - exp(3.0) / sum) < 1e-6)
    }

    @Test func staysFiniteForHugeLogits() {
        let logits: [Float] = [1000, -1000, 0, 500, 2000, -3000]
        var gradient = [Float](repeating: 0, count: 6)
        let result = SoftmaxCrossEntropy.forward(logits: logits, labels: [Int32(0), 2], rows: 2, classes: 3)
        SoftmaxCrossEntropy.backward(
            logits: logits, labels: [Int32(0), 2], rows: 2, classes: 3, logitsGradient: &gradient)
        #expect(result.lossSum.isFinite)
        #expect(abs(result.lossSum - 5000) < 1e-3)  // row 0 costs 0; row 1 (label 2) costs 2000 − (−3000)
        #expect(result.correct == 1)
        #expect(gradient.allSatisfy { $0.isFinite })
        // Each row of (softmax − onehot) / rows sums to zero.
        #expect(abs(gradient[0] + gradient[1] + gradient[2]) < 1e-6)
        #expect(abs(gradient[3] + gradient[4] + gradient[5]) < 1e-6)
    }

    /// The training step takes its loss from `backward`: it must be `forward`'s, bit for bit,
    /// and the gradient the softmax's, with and without label smoothing.
    @Test(arguments: [Float(0), 0.1])
    func backwardReturnsForwardsLossAndTheSoftmaxGradient(labelSmoothing: Float) {
        let (rows, classes) = (37, 10)
        var generator = RandomGenerator(seed: 3)
        let logits = (0..<rows * classes).map { _ in Float(generator.nextNormal(standardDeviation: 4)) }
        let labels = (0..<rows).map { _ in Int32(generator.next() % UInt64(classes)) }
        var gradient = [Float](repeating: .nan, count: rows * classes)
        let forward = SoftmaxCrossEntropy.forward(
            logits: logits, labels: labels, rows: rows, classes: classes, labelSmoothing: labelSmoothing)
        let backward = SoftmaxCrossEntropy.backward(
            logits: logits, labels: labels, rows: rows, classes: classes, labelSmoothing: labelSmoothing,
            logitsGradient: &gradient)
        #expect(backward.lossSum.bitPattern == forward.lossSum.bitPattern)
        #expect(backward.correct == forward.correct)
        for row in 0..<rows {
            let probabilities = logits.withUnsafeBufferPointer {
                SoftmaxCrossEntropy.softmax($0.baseAddress! + row * classes, count: classes)
            }
            for j in 0..<classes {
                let target = (j == Int(labels[row]) ? 1 - labelSmoothing : 0) + labelSmoothing / Float(classes)
                let expected = (probabilities[j] - target) / Float(rows)
                #expect(abs(gradient[row * classes + j] - expected) < 1e-7, "row \(row), class \(j)")
            }
        }
    }
}

@Suite struct LabelSmoothingTests {
    /// PyTorch's definition, `(1 − ε) · (−log p_label) + ε · mean over classes of (−log p_j)`,
    /// and its gradient `(p − target) / rows`, in `Double`.
    func reference(logits: [[Double]], labels: [Int], smoothing ε: Double) -> (loss: Double, gradient: [Double]) {
        var loss = 0.0
        var gradient: [Double] = []
        for (z, label) in zip(logits, labels) {
            let logSum = log(z.map { exp($0) }.reduce(0, +))
            let logP = z.map { $0 - logSum }
            loss += (1 - ε) * -logP[label] + ε * logP.map { -$0 }.reduce(0, +) / Double(z.count)
            for j in z.indices {
                let target = (j == label ? 1 - ε : 0) + ε / Double(z.count)
                gradient.append((exp(logP[j]) - target) / Double(logits.count))
            }
        }
        return (loss, gradient)
    }

    @Test func matchesPyTorchsDefinition() {
        let logits: [[Double]] = [[1, 2, 3], [0.5, -1, 2]]
        let labels = [0, 2]
        let expected = reference(logits: logits, labels: labels, smoothing: 0.1)
        // torch.nn.functional.cross_entropy(..., label_smoothing=0.1, reduction="sum") gives 2.6989173.
        #expect(abs(expected.loss - 2.6989172611) < 1e-9)
        var gradient = [Float](repeating: 0, count: 6)
        let (flatLogits, classLabels) = (logits.flatMap { $0.map(Float.init) }, labels.map(Int32.init))
        let result = SoftmaxCrossEntropy.forward(
            logits: flatLogits, labels: classLabels, rows: 2, classes: 3, labelSmoothing: 0.1)
        SoftmaxCrossEntropy.backward(
            logits: flatLogits, labels: classLabels, rows: 2, classes: 3, labelSmoothing: 0.1, logitsGradient: &gradient
        )
        #expect(abs(result.lossSum - expected.loss) < 1e-5)
        #expect(result.correct == 1)
        for (actual, wanted) in zip(gradient, expected.gradient) {
            #expect(abs(Double(actual) - wanted) < 1e-6, "\(gradient) against \(expected.gradient)")
        }
    }

    @Test func smoothedLossNeverReachesZeroAndLeavesTheArgmaxAlone() {
        // A confident, correct prediction costs almost nothing without smoothing. With it, the
        // target gives each of the other two classes ε/K = 0.1, and each costs 0.1 · 20.
        let logits: [Float] = [20, 0, 0]
        let plain = SoftmaxCrossEntropy.forward(logits: logits, labels: [Int32(0)], rows: 1, classes: 3)
        let smoothed = SoftmaxCrossEntropy.forward(
            logits: logits, labels: [Int32(0)], rows: 1, classes: 3, labelSmoothing: 0.3)
        #expect(plain.lossSum < 1e-8)
        #expect(abs(smoothed.lossSum - 0.2 * 20) < 1e-4)
        #expect(plain.correct == 1 && smoothed.correct == 1)
    }
}

@Suite struct SGDTests {
    /// Classical momentum leaves `momentum · v` in the gradient buffers and the backward pass
    /// adds ∇ to it; the weights must come out exactly as from a gradient written alone and
    /// the textbook update `v ← momentum · v + ∇ + decay · w`, `w ← w − lr · v`.
    @Test(arguments: KernelKind.allCases)
    func backwardPassSumsTheVelocityAsTheTextbookUpdateDoes(kind: KernelKind) {
        let (sizes, rows, steps) = ([5, 8, 6, 3], 16, 4)
        let (learningRate, momentum, decay): (Float, Float, Float) = (0.05, 0.9, 0.001)
        func makeNetwork() -> MLP {
            var generator = RandomGenerator(seed: 7)
            let network = MLP(sizes: sizes)
            network.initialize(using: &generator)
            return network
        }
        let (fused, textbook) = (makeNetwork(), makeNetwork())
        let sgd = SGD(parameters: fused.parameters, learningRate: learningRate, momentum: momentum, weightDecay: decay)
        var velocities = textbook.parameters.map { [Float](repeating: 0, count: $0.value.count) }
        let kernel = kind.make(threads: 1)
        let passes = [fused, textbook].map { BatchPass(network: $0, kernel: kernel, capacity: rows) }
        var generator = RandomGenerator(seed: 8)
        for _ in 0..<steps {
            let inputs = (0..<rows * sizes[0]).map { _ in Float(generator.nextNormal()) }
            let labels = (0..<rows).map { _ in Int32(generator.next() % 3) }
            // The fused pass sums the velocity into the weight gradients; the textbook one overwrites them.
            for (pass, carry) in zip(passes, [sgd.gradientCarry, 0]) {
                pass.input.storage.update(from: inputs, count: inputs.count)
                pass.labels.update(from: labels, count: rows)
                let logits = pass.forward(rows: rows)
                _ = SoftmaxCrossEntropy.backward(
                    logits: logits, labels: pass.labels, rows: rows, classes: 3,
                    logitsGradient: pass.logitsGradient.storage)
                pass.backward(rows: rows, gradientCarry: carry)
            }
            sgd.step()
            for (parameter, index) in zip(textbook.parameters, velocities.indices) {
                let (w, g) = (parameter.value.storage, parameter.gradient.storage)
                let parameterDecay = parameter.decays ? decay : 0
                for i in 0..<parameter.value.count {
                    velocities[index][i] = momentum * velocities[index][i] + g[i] + parameterDecay * w[i]
                    w[i] -= learningRate * velocities[index][i]
                }
            }
        }
        #expect(fused.parameters.flatMap(\.value.values) == textbook.parameters.flatMap(\.value.values))
    }

    /// The update split over a kernel's threads is the same update, bit for bit, for every
    /// kind of parameter SGD keeps: a weight matrix large enough to split, with its velocity
    /// in its gradient buffer, a bias, and both under Nesterov momentum.
    @Test(arguments: [false, true])
    func splitStepMatchesTheWholeStep(nesterov: Bool) {
        func makeParameters() -> [Parameter] {
            let parameters = [
                Parameter(rows: 300, columns: 200, decays: true), Parameter(rows: 1, columns: 300, decays: false),
            ]
            var generator = RandomGenerator(seed: 3)
            for parameter in parameters {
                for index in 0..<parameter.value.count {
                    parameter.value.storage[index] = Float(generator.nextNormal())
                }
            }
            return parameters
        }
        let (whole, split) = (makeParameters(), makeParameters())
        let settings = (learningRate: Float(0.05), momentum: Float(0.9), weightDecay: Float(0.01))
        let wholeSGD = SGD(
            parameters: whole, learningRate: settings.learningRate, momentum: settings.momentum,
            weightDecay: settings.weightDecay, nesterov: nesterov)
        let splitSGD = SGD(
            parameters: split, learningRate: settings.learningRate, momentum: settings.momentum,
            weightDecay: settings.weightDecay, nesterov: nesterov)
        let kernel = SwiftKernel(threads: 2)
        var generator = RandomGenerator(seed: 4)
        for _ in 0..<3 {
            for (a, b) in zip(whole, split) {
                let gradient = (0..<a.value.count).map { _ in Float(generator.nextNormal(standardDeviation: 0.1)) }
                deliver(gradient, to: a, for: wholeSGD)
                deliver(gradient, to: b, for: splitSGD)
            }
            wholeSGD.step()
            splitSGD.step(on: kernel)
        }
        #expect(whole.flatMap(\.value.values) == split.flatMap(\.value.values))
    }

    @Test func optimizersSayWhetherTheBackwardPassAddsToTheirGradients() {
        let parameter = Parameter(rows: 2, columns: 3, decays: true)
        parameter.gradient.fill(5)
        let bias = Parameter(rows: 1, columns: 3, decays: false)
        bias.gradient.fill(5)
        #expect(SGD(parameters: [parameter, bias], learningRate: 0.1, momentum: 0.9).gradientCarry == 1)
        #expect(parameter.gradient.values == [Float](repeating: 0, count: 6))  // the velocity starts at zero
        #expect(bias.gradient.values == [Float](repeating: 5, count: 3))  // a bias keeps its velocity apart
        #expect(SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9, nesterov: true).gradientCarry == 0)
        #expect(SGD(parameters: [parameter], learningRate: 0.1).gradientCarry == 1)
        #expect(Adam(parameters: [parameter], learningRate: 0.1).gradientCarry == 0)
    }

    @Test func appliesMomentumAndDecayAsPyTorchDoes() {
        let weight = Parameter(rows: 1, columns: 2, decays: true)
        let bias = Parameter(rows: 1, columns: 1, decays: false)
        weight.value.storage.update(from: [1, -2], count: 2)
        bias.value.storage[0] = 3
        let sgd = SGD(parameters: [weight, bias], learningRate: 0.1, momentum: 0.5, weightDecay: 0.01)

        deliver([0.5, 1], to: weight, for: sgd)
        deliver([-1], to: bias, for: sgd)
        sgd.step()
        // v = g + 0.01·w = [0.51, 0.98]; w = w − 0.1·v
        #expect(abs(weight.value[0, 0] - 0.949) < 1e-6)
        #expect(abs(weight.value[0, 1] - -2.098) < 1e-6)
        #expect(abs(bias.value[0, 0] - 3.1) < 1e-6)  // no decay on biases

        deliver([0.5, 1], to: weight, for: sgd)
        deliver([-1], to: bias, for: sgd)
        sgd.step()
        // v = 0.5·[0.51, 0.98] + [0.5, 1] + 0.01·[0.949, −2.098]
        #expect(abs(weight.value[0, 0] - (0.949 - 0.1 * (0.255 + 0.5 + 0.00949))) < 1e-6)
        #expect(abs(weight.value[0, 1] - (-2.098 - 0.1 * (0.49 + 1 - 0.02098))) < 1e-6)
        #expect(abs(bias.value[0, 0] - (3.1 - 0.1 * (-0.5 - 1))) < 1e-6)
    }
}

@Suite struct RandomGeneratorTests {
    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var a = RandomGenerator(seed: 5)
        var b = RandomGenerator(seed: 5)
        var c = RandomGenerator(seed: 6)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test func normalDrawsHaveTheRequestedMoments() {
        var generator = RandomGenerator(seed: 11)
        let draws = (0..<100_000).map { _ in generator.nextNormal(mean: 2, standardDeviation: 3) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean - 2) < 0.05)
        #expect(abs(variance.squareRoot() - 3) < 0.05)
    }
}
