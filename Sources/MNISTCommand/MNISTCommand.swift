import ArgumentParser
import MNIST

@main
struct MNISTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mnist",
        abstract: "Train a multilayer perceptron on the MNIST handwritten digits.",
        discussion: """
            Start with `mnist fetch` to get the data, then `mnist train`.
            The data directory is data/mnist unless --data or MNIST_DATA says otherwise.
            """,
        version: SwiftMNIST.version,
        subcommands: [
            Fetch.self, Train.self, Evaluate.self, Predict.self, Export.self, Serve.self, Bench.self, Spin.self,
        ])

    /// Runs the command line with `train --preset` spelled out, and prints the error that ends
    /// it (Foundation's in plain words) as `Error: ` and its description.
    static func main() {
        do {
            var command = try parseAsRoot(Preset.expand(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            exit(withError: TopLevelError.worded(error))
        }
    }
}
