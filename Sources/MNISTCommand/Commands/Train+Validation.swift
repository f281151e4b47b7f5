import ArgumentParser
import Foundation
import MNIST

extension Train {
    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        try recipeOptions.validate(epochs: epochs)
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

    /// The session's refusal of a batch larger than the training set (it would rather not shrink
    /// the batch behind the user's back), in the words of the flags that decide both.
    func flagWorded(_ error: TrainingSessionError) -> CommandError {
        switch error {
        case let .batchLargerThanTrainingSet(batchSize, images):
            CommandError(
                "--batch-size \(batchSize) is larger than the training set, \(images) images (after --limit and --validation); use --batch-size \(images) or less."
            )
        }
    }
}
