/// A failure of a subcommand's own, printed as `Error: ` and its description.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
