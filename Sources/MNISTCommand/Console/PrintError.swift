import Foundation

/// Prints a line on standard error.
func printError(_ line: String) {
    fflush(nil)  // standard output first, so a terminal shows the lines in order
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints `message` on standard error after the prefix the argument parser gives the errors
/// that end a command, so that every error the tool prints starts the same way.
func printFailure(_ message: String) {
    printError(CommandError.prefix + message)
}
