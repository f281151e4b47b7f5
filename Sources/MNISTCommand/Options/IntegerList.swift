import ArgumentParser

/// Whole numbers written `1,2,4` on the command line.
struct IntegerList: ExpressibleByArgument, CustomStringConvertible {
    var values: [Int]

    init(_ values: [Int]) { self.values = values }

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !argument.isEmpty, values.count == parts.count else { return nil }
        self.values = values
    }

    var description: String { values.map(String.init).joined(separator: ",") }
    var defaultValueDescription: String { description }
}
