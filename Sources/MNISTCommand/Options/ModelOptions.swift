import ArgumentParser
import Foundation
import MNIST

/// The model file a subcommand reads.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The model file, as written by `mnist train --save`.", valueName: "file"))
    var model: String

    /// The model, or an error that names the file and what is wrong with it.
    func load() throws -> ModelFile { try ModelFile.load(checking: model, flag: "--model") }
}
