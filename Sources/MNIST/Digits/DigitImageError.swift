/// Why an image cannot be turned into a digit for the network.
public enum DigitImageError: Error, Equatable, CustomStringConvertible {
    /// The named image is narrower or shorter than `minimum` pixels (`DigitPreprocessor.minimumSide`).
    case tooSmall(String, width: Int, height: Int, minimum: Int)
    /// The named image is blank: its ink and paper differ by too little (under 32 brightness levels) to hold a digit.
    case noInk(String)
    /// The named photo is one colour: every pixel is within 5% of its corner's, so there is
    /// no product to trim it to (`ProductPhotoPreprocessor`).
    case noSubject(String)

    public var description: String {
        switch self {
        case let .tooSmall(name, width, height, minimum):
            "\(name) is only \(width)×\(height) pixels; a digit image needs at least \(minimum)×\(minimum)."
        case let .noInk(name):
            "\(name) has no ink: it is blank (a single colour, or only faint noise), so there is no digit to read."
        case let .noSubject(name):
            "\(name) is a single colour (every pixel within 5% of its corner's), so there is nothing to recognize: photograph the item on a plain background that differs from it."
        }
    }
}
