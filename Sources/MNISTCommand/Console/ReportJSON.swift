import Foundation

extension Encodable {
    /// The value as the reports write it: pretty-printed JSON, keys sorted and in snake_case.
    var reportJSON: Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try! encoder.encode(self)
    }
}
