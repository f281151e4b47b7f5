import ArgumentParser
import Foundation

extension Train {
    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        try recipeOptions.optimizerOptions.validate(epochs: epochs)
        guard validation >= 0 else {
            throw ValidationError("--validation must be 0 or more images (got \(validation)).")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 image (got \(limit)).") }
        if let save { try Self.checkWritable(save, flag: "--save") }
        if let saveBest {
            guard validation > 0 else {
                throw ValidationError(
                    "--save-best picks the epoch by its validation accuracy, so it needs --validation above 0.")
            }
            guard saveBest != save else {
                throw ValidationError(
                    "--save and --save-best name the same file, \(saveBest); give the best epoch's model its own.")
            }
            try Self.checkWritable(saveBest, flag: "--save-best")
        }
    }

    /// Refuses a batch larger than the training set rather than shrink it behind the user's
    /// back: every step would be the whole set, so training would quietly be something else.
    func checkBatchSize(fitsIn trainingImages: Int) throws {
        guard batchSize <= trainingImages else {
            throw CommandError(
                "--batch-size \(batchSize) is larger than the training set, \(trainingImages) images (after --limit and --validation); use --batch-size \(trainingImages) or less."
            )
        }
    }

    /// Fails unless a file can be created at `path`, so a run does not train for minutes
    /// and then find that it cannot save.
    static func checkWritable(_ path: String, flag: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError(
                "\(flag) \(path) is a folder; give a file name such as \(URL(fileURLWithPath: path).appendingPathComponent("model.safetensors").path)."
            )
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(flag) \(path): the folder \(folder) does not exist.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("\(flag) \(path): the folder \(folder) is not writable.")
        }
    }
}
