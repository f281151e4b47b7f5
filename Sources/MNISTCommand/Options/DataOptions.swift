import ArgumentParser
import Foundation
import MNIST

/// Where the MNIST files live, shared by every subcommand that reads them.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The directory holding the four MNIST files (default: $MNIST_DATA, else data/mnist).",
            valueName: "dir"))
    var data: String?

    var directoryURL: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["MNIST_DATA"] ?? "data/mnist")
    }

    var directory: MNISTDirectory { MNISTDirectory(directoryURL) }
}
