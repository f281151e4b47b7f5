import ArgumentParser

/// The widths of the hidden layers, written `128,64` on the command line.
struct HiddenLayers: ExpressibleByArgument, CustomStringConvertible {
    var widths: [Int]

    init(_ widths: [Int]) { self.widths = widths }

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let widths = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !argument.isEmpty, widths.count == parts.count, widths.allSatisfy({ $0 > 0 }) else { return nil }
        self.widths = widths
    }

    var description: String { widths.map(String.init).joined(separator: ",") }
    var defaultValueDescription: String { description }
}
