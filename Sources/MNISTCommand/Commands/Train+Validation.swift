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
        if let save { try OutputFile.checkWritable(save, flag: "--save", example: "model.safetensors") }
        if let saveBest {
            guard validation > 0 else {
                throw ValidationError(
                    "--save-best picks the epoch by its validation accuracy, so it needs --validation above 0.")
            }
            guard saveBest != save else {
                throw ValidationError(
                    "--save and --save-best name the same file, \(saveBest); give the best epoch's model its own.")
            }
            try OutputFile.checkWritable(saveBest, flag: "--save-best", example: "model.safetensors")
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
}
