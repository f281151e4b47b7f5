/// One image's prediction as `mnist predict --json` and `mnist serve` print it
/// (`writeMembers(to:)`): the digit, its probability, the runner-up, all ten probabilities,
/// how the ink was found, and optionally the 28×28 input; or the error. Its `Encodable` form
/// with `.convertToSnakeCase` and `.sortedKeys` is the same JSON.
package struct PredictionRecord: Encodable, Sendable {
    /// Where the ink is in the original image, in its pixels.
    package struct Box: Encodable, Sendable {
        /// The box's left column, counted from 0 at the image's left edge.
        package var x: Int
        /// The box's top row, counted from 0 at the image's top edge.
        package var y: Int
        /// The box's width in pixels.
        package var width: Int
        /// The box's height in pixels.
        package var height: Int
    }

    /// The image's name as the caller gave it: a path for `mnist predict`, the request's file name for the server.
    package var file: String
    /// The most probable digit, 0-9 (the class's label, for data sets of other classes); nil
    /// when the image could not be recognized.
    package var digit: Int?
    /// The name of `digit`'s class, for data sets whose classes are not the digits.
    package var className: String?
    /// The name of `runnerUp`'s class, for data sets whose classes are not the digits.
    package var runnerUpClassName: String?
    /// The network's probability of `digit`, 0 to 1; nil with an error.
    package var probability: Float?
    /// The second most probable digit, 0-9; nil with an error.
    package var runnerUp: Int?
    /// The network's probability of `runnerUp`, 0 to 1; nil with an error.
    package var runnerUpProbability: Float?
    /// The softmax probability of each digit 0 to 9, indexed by digit, summing to 1; nil with an error.
    package var probabilities: [Float]?
    /// Whether the image had dark ink on light paper (and was inverted) rather than light on dark; nil with an error.
    package var darkInkOnLightPaper: Bool?
    /// Where the ink is in the original image; nil with an error.
    package var inkBox: Box?
    /// The 28 × 28 bytes the network read, as 28 rows of 28 (0 paper, 255 ink).
    package var input: [[UInt8]]?
    /// Why the image could not be recognized, such as an unreadable file or a blank image; nil when it was.
    package var error: String?

    /// The record of a recognized image; `dataSet` names the classes when they are not the digits.
    package init(
        file: String, digit prepared: PreparedDigit, prediction: DigitClassifier.Prediction, includeInput: Bool,
        dataSet: DataSet = .mnist
    ) {
        let box = prepared.inkBox
        self.file = file
        digit = prediction.digit
        probability = prediction.probabilities[prediction.digit]
        runnerUp = prediction.runnerUp
        runnerUpProbability = prediction.probabilities[prediction.runnerUp]
        if !dataSet.isDigits {
            className = dataSet.classNames[prediction.digit]
            runnerUpClassName = dataSet.classNames[prediction.runnerUp]
        }
        probabilities = prediction.probabilities
        darkInkOnLightPaper = prepared.darkInkOnLightPaper
        inkBox = Box(x: box.x.lowerBound, y: box.y.lowerBound, width: box.x.count, height: box.y.count)
        input = includeInput ? prepared.rows : nil
    }

    /// The record of an image that could not be recognized.
    package init(file: String, error: String) {
        self.file = file
        self.error = error
    }
}

extension PredictionRecord {
    /// The record's members into the object `json` has open, as `JSONEncoder` writes them
    /// (snake_case keys, sorted; absent fields left out), without its cost on every request.
    package func writeMembers(to json: inout JSONBytes) {
        json.member("class_name", className) { $0.append(string: $1) }
        json.member("dark_ink_on_light_paper", darkInkOnLightPaper) { $0.append(bool: $1) }
        json.member("digit", digit) { $0.append(integer: $1) }
        json.member("error", error) { $0.append(string: $1) }
        json.member("file", file) { $0.append(string: $1) }
        json.member("ink_box", inkBox) { json, box in
            let sides: [(StaticString, Int)] = [
                ("height", box.height), ("width", box.width), ("x", box.x), ("y", box.y),
            ]
            json.object { json in
                for (key, value) in sides { json.member(key, value) { $0.append(integer: $1) } }
            }
        }
        if let input { Self.write(input: input, to: &json) }
        json.member("probabilities", probabilities) { $0.append(floats: $1) }
        json.member("probability", probability) { $0.append(float: $1) }
        json.member("runner_up", runnerUp) { $0.append(integer: $1) }
        json.member("runner_up_class_name", runnerUpClassName) { $0.append(string: $1) }
        json.member("runner_up_probability", runnerUpProbability) { $0.append(float: $1) }
    }

    /// The `input` member: 28 rows of 28 numbers, one row to a line when pretty-printed.
    package static func write(input: [[UInt8]], to json: inout JSONBytes) {
        json.member("input", input) { $0.array($1) { $0.append(integers: $1) } }
    }
}
