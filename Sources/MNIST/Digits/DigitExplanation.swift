import NeuralNet

/// One digit read, with why: the prediction, each hidden layer's activations, and the
/// saliency of every input pixel for the answer against the runner-up.
public struct DigitExplanation: Sendable {
    /// What the network made of the digit.
    public var prediction: DigitClassifier.Prediction
    /// What each hidden layer outputs after ReLU, first layer first.
    public var hiddenActivations: [[Float]]
    /// `[784]`, row after row: ∂(logit[answer] − logit[runner-up]) / ∂pixel, for the pixel's
    /// value in [0, 1] (byte / 255) before normalization. Positive where more ink would push
    /// the network toward its answer, negative where it would push toward the runner-up.
    public var saliency: [Float]
}

extension DigitClassifier {
    /// Reads one digit (28 × 28 bytes, 0 paper and 255 ink) as `read` does, then runs the
    /// backward pass on to the input from the seed +1 on the answer's logit and −1 on the
    /// runner-up's, and divides by the normalization's standard deviation, so that the
    /// saliency is per pixel value in [0, 1]. The weights are only read: any number of
    /// threads may explain at once with one classifier.
    public func explain(_ digit: [UInt8]) -> DigitExplanation {
        let (pass, prediction) = forwardPass(digit)
        pass.logitsGradient.fill(0)
        pass.logitsGradient[0, prediction.digit] = 1
        pass.logitsGradient[0, prediction.runnerUp] = -1
        let gradient = pass.backwardToInput(rows: 1)
        // x = (pixel − mean) / standardDeviation, so ∂/∂pixel = ∂/∂x / standardDeviation.
        let perPixel = 1 / normalization.standardDeviation
        return DigitExplanation(
            prediction: prediction,
            hiddenActivations: network.hiddenLayers.indices.map { pass.output(ofLayer: $0, row: 0) },
            saliency: (0..<network.inputCount).map { gradient.storage[$0] * perPixel })
    }
}
