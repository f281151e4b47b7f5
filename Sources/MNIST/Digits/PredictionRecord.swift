/// One image's prediction as `mnist predict --json` and `mnist serve` print it (snake_case
/// keys when encoded with `.convertToSnakeCase`): the digit, its probability, the runner-up,
/// all ten probabilities, how the ink was found, and optionally the 28×28 input; or the error.
public struct PredictionRecord: Encodable, Sendable {
    /// Where the ink is in the original image, in its pixels.
    public struct Box: Encodable, Sendable {
        public var x, y, width, height: Int
    }

    public var file: String
    public var digit: Int?
    public var probability: Float?
    public var runnerUp: Int?
    public var runnerUpProbability: Float?
    public var probabilities: [Float]?
    public var darkInkOnLightPaper: Bool?
    public var inkBox: Box?
    /// The 28 × 28 bytes the network read, as 28 rows of 28 (0 paper, 255 ink).
    public var input: [[UInt8]]?
    public var error: String?

    /// The record of a recognized image.
    public init(
        file: String, digit prepared: PreparedDigit, prediction: DigitClassifier.Prediction, includeInput: Bool
    ) {
        let box = prepared.inkBox
        self.file = file
        digit = prediction.digit
        probability = prediction.probabilities[prediction.digit]
        runnerUp = prediction.runnerUp
        runnerUpProbability = prediction.probabilities[prediction.runnerUp]
        probabilities = prediction.probabilities
        darkInkOnLightPaper = prepared.darkInkOnLightPaper
        inkBox = Box(x: box.x.lowerBound, y: box.y.lowerBound, width: box.x.count, height: box.y.count)
        input = includeInput ? prepared.rows : nil
    }

    /// The record of an image that could not be recognized.
    public init(file: String, error: String) {
        self.file = file
        self.error = error
    }
}
