/// Why an image cannot be turned into a digit for the network.
public enum DigitImageError: Error, Equatable, CustomStringConvertible {
    /// The named image is narrower or shorter than `minimum` pixels (`DigitPreprocessor.minimumSide`).
    case tooSmall(String, width: Int, height: Int, minimum: Int)
    /// The named image is blank: its ink and paper differ by too little (under 32 brightness levels) to hold a digit.
    case noInk(String)

    public var description: String {
        switch self {
        case let .tooSmall(name, width, height, minimum):
            "\(name) is only \(width)×\(height) pixels; a digit image needs at least \(minimum)×\(minimum)."
        case let .noInk(name):
            "\(name) has no ink: it is blank (a single colour, or only faint noise), so there is no digit to read."
        }
    }
}
