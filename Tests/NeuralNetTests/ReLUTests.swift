import NeuralNet
import Testing

@Suite struct ReLUTests {
    /// Outputs and gradients of every sign, zeros of both signs included, over lengths on
    /// and off the vector width.
    @Test(arguments: [1, 7, 8, 9, 31, 64, 133])
    func backwardPassesTheGradientExactlyWhereTheOutputIsPositive(count: Int) {
        var generator = RandomGenerator(seed: UInt64(count))
        let special: [Float] = [0, -0.0, 1e-30, -1e-30]
        let output = (0..<count).map { index in
            index % 5 == 0 ? special[index / 5 % special.count] : Float(generator.nextNormal(standardDeviation: 1))
        }
        let original = (0..<count).map { _ in Float(generator.nextNormal(standardDeviation: 1)) }
        var gradient = original
        ReLU.backward(output: output, gradient: &gradient, count: count)
        for index in 0..<count {
            let expected: Float = output[index] > 0 ? original[index] : 0
            #expect(gradient[index].bitPattern == expected.bitPattern, "element \(index) of \(count)")
        }
    }

    @Test func backwardLeavesTheElementsBeyondCountAlone() {
        let output: [Float] = [-1, -1, -1, -1]
        var gradient: [Float] = [1, 2, 3, 4]
        ReLU.backward(output: output, gradient: &gradient, count: 3)
        #expect(gradient == [0, 0, 0, 4])
    }
}
