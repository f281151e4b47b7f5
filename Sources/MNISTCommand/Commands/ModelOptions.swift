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

extension ModelFile {
    /// Loads the model at `path`, given on the command line as `flag`; a missing file or a
    /// folder gets a message that says what to do.
    static func load(checking path: String, flag: String) throws -> ModelFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(flag) \(path): no such file. Train a model with `mnist train --save \(path)` first.")
        }
        guard !isDirectory.boolValue else {
            throw CommandError("\(flag) \(path) is a folder; give the model file (such as \(path)/model.safetensors).")
        }
        return try load(from: URL(fileURLWithPath: path))
    }
}

