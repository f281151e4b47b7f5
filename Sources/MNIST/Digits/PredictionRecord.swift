/// One image's prediction as `mnist predict --json` and `mnist serve` print it
/// (`writeMembers(to:)`): the digit, its probability, the runner-up, all ten probabilities,
/// how the ink was found, and optionally the 28×28 input; or the error. Its `Encodable` form
/// with `.convertToSnakeCase` and `.sortedKeys` is the same JSON.
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

extension PredictionRecord {
    /// The record's members into the object `json` has open, as `JSONEncoder` writes them
    /// (snake_case keys, sorted; absent fields left out), without its cost on every request.
    public func writeMembers(to json: inout JSONBytes) {
        if let darkInkOnLightPaper {
            json.key("dark_ink_on_light_paper")
            json.append(bool: darkInkOnLightPaper)
        }
        if let digit {
            json.key("digit")
            json.append(integer: digit)
        }
        if let error {
            json.key("error")
            json.append(string: error)
        }
        json.key("file")
        json.append(string: file)
        if let inkBox {
            json.key("ink_box")
            json.open("{")
            let sides: [(StaticString, Int)] = [
                ("height", inkBox.height), ("width", inkBox.width), ("x", inkBox.x), ("y", inkBox.y),
            ]
            for (key, value) in sides {
                json.key(key)
                json.append(integer: value)
            }
            json.close("}")
        }
        if let input { Self.write(input: input, to: &json) }
        if let probabilities {
            json.key("probabilities")
            json.append(floats: probabilities)
        }
        if let probability {
            json.key("probability")
            json.append(float: probability)
        }
        if let runnerUp {
            json.key("runner_up")
            json.append(integer: runnerUp)
        }
        if let runnerUpProbability {
            json.key("runner_up_probability")
            json.append(float: runnerUpProbability)
        }
    }

    /// The `input` member: 28 rows of 28 numbers, one row to a line when pretty-printed.
    public static func write(input: [[UInt8]], to json: inout JSONBytes) {
        json.key("input")
        json.open("[")
        for row in input {
            json.element()
            json.append(integers: row)
        }
        json.close("]")
    }
}
