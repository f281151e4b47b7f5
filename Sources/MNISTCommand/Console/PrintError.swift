import Foundation

/// Prints a line on standard error.
func printError(_ line: String) {
    fflush(nil)  // standard output first, so a terminal shows the lines in order
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
