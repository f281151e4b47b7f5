/// A failure of a subcommand's own, printed as `Error: ` and its description.
struct CommandError: Error, CustomStringConvertible {
    /// What the argument parser prints before the description of an error that ends a command.
    static let prefix = "Error: "

    var description: String
    init(_ description: String) { self.description = description }
}
