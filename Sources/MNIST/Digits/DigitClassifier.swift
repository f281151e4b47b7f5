import NeuralNet

/// A trained network with the normalization it was trained with: reads 28×28 digits.
public struct DigitClassifier: Sendable {
    /// The trained network.
    public let network: MLP
    /// The normalization the network was trained with.
    public let normalization: Normalization
    /// Runs the network's matrix products.
    public let kernel: any GEMMKernel

    /// A classifier that runs `network` on `kernel` over inputs normalized by `normalization`.
    public init(network: MLP, normalization: Normalization, kernel: any GEMMKernel) {
        precondition(network.inputCount == 28 * 28, "a digit classifier reads 28×28 inputs, not \(network.inputCount)")
        self.network = network
        self.normalization = normalization
        self.kernel = kernel
    }

    /// What the network makes of one image.
    public struct Prediction: Sendable, Equatable {
        /// The probability of each class, 0 to 9.
        public var probabilities: [Float]
        /// The most probable digit, and the second most probable.
        public var digit: Int { ranked[0] }
        /// The second most probable digit.
        public var runnerUp: Int { ranked[1] }
        /// The classes from the most to the least probable.
        public var ranked: [Int] { probabilities.indices.sorted { probabilities[$0] > probabilities[$1] } }
    }

    /// The predictions for `digits` (28 × 28 bytes each, 0 paper and 255 ink), in order.
    public func predict(_ digits: [[UInt8]]) -> [Prediction] {
        guard !digits.isEmpty else { return [] }
        let images = LabelledImages(
            height: 28, width: 28, pixels: digits.flatMap { $0 }, labels: [UInt8](repeating: 0, count: digits.count))
        return predict(images)
    }

    /// One digit (28 × 28 bytes, 0 paper and 255 ink) in one forward pass: the prediction
    /// (the same as `predict` gives), and what each hidden layer outputs after ReLU, first
    /// layer first, the features the network found in it. Buffers of its own.
    public func read(_ digit: [UInt8]) -> (prediction: Prediction, hiddenActivations: [[Float]]) {
        let (pass, prediction) = forwardPass(digit)
        return (prediction, network.hiddenLayers.indices.map { pass.output(ofLayer: $0, row: 0) })
    }

    /// One digit's forward pass, in a pass of its own, and its prediction.
    func forwardPass(_ digit: [UInt8]) -> (BatchPass, Prediction) {
        let image = LabelledImages(height: 28, width: 28, pixels: digit, labels: [0])
        let pass = BatchPass(network: network, kernel: kernel, capacity: 1)
        pass.fill(from: NormalizedImages(image, normalization: normalization), indices: [0][...])
        let logits = pass.forward(rows: 1)
        return (pass, Prediction(probabilities: SoftmaxCrossEntropy.softmax(logits, count: network.classCount)))
    }

    /// The predictions for every image of `images` (their labels are not used).
    public func predict(_ images: LabelledImages) -> [Prediction] {
        let result = Evaluator(network: network, kernel: kernel)
            .predictions(on: NormalizedImages(images, normalization: normalization))
        let classes = result.classCount
        return (0..<result.count).map {
            Prediction(probabilities: Array(result.probabilities[$0 * classes..<($0 + 1) * classes]))
        }
    }
}
