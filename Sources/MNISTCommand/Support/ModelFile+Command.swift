import Foundation
import MNIST

/// What the commands need of a model file beyond the library: loading a path given on the
/// command line, and the one-line summary they print.
extension ModelFile {
    /// Loads the model at `path`, given on the command line as `flag`; a missing file, a
    /// folder, an image or data file gets a message that says what to do.
    static func load(checking path: String, flag: String) throws -> ModelFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(flag) \(path): no such file. Train a model with `mnist train --save \(path)` first.")
        }
        guard !isDirectory.boolValue else {
            throw CommandError("\(flag) \(path) is a folder; give the model file (such as \(path)/model.safetensors).")
        }
        do {
            return try load(from: URL(fileURLWithPath: path))
        } catch {
            // A swapped argument (an image, MNIST data) is named as what it is; a damaged model
            // keeps the precise detail of its error.
            guard let kind = FileKind.describe(path) else { throw error }
            throw CommandError(
                "\(flag) \(path) is \(kind), not a model; \(flag) wants a file written by `mnist train --save`.")
        }
    }

    /// The network and how it was trained, such as `784-128-64-10 MLP, 109,386 parameters,
    /// 10 epochs, test accuracy 97.99%, saved by SwiftMNIST 0.4.0`.
    var summary: String {
        var parts = ["\(network.architecture) MLP", "\(Format.grouped(network.parameterCount)) parameters"]
        if trainedEpochs > 0 { parts.append(Format.counted(trainedEpochs, "epoch")) }
        if let accuracy = metadata[TrainingRecord.testAccuracyKey].flatMap({ Double($0) }) {
            parts.append("test accuracy \(Format.percent(accuracy))")
        }
        if let version = metadata[Key.version] { parts.append("saved by SwiftMNIST \(version)") }
        return parts.joined(separator: ", ")
    }
}
