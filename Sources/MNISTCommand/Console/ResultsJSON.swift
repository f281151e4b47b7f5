import Foundation

extension Encodable {
    /// The value as `evaluate --json` and `bench --json` write it: pretty-printed JSON, keys
    /// sorted and in snake_case.
    var resultsJSON: Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try! encoder.encode(self)
    }
}
