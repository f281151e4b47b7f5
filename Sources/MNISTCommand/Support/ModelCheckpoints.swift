import Foundation
import MNIST
import NeuralNet

/// The model files a training run writes: the last epoch's model (`--save`) and the best
/// epoch's (`--save-best`), each with the session's record of how it was trained.
struct ModelCheckpoints {
    let savePath: String?
    private var best: BestCheckpoint?

    init(save: String?, saveBest: String?) {
        savePath = save
        best = saveBest.map(BestCheckpoint.init(path:))
    }

    /// Records the end of `epoch`; returns whether the best-epoch file now holds its model.
    mutating func epochEnded(_ epoch: EpochReport, of session: TrainingSession) throws -> Bool {
        guard let validation = epoch.validation, var checkpoint = best else { return false }
        defer { best = checkpoint }
        return try checkpoint.offer(epoch: session.epochsDone, validationAccuracy: validation.accuracy) {
            session.modelFile
        }
    }

    /// Saves the tested model, and measures the best epoch's model on the session's test
    /// images; prints what it wrote.
    func finish(_ session: TrainingSession) throws {
        if let savePath {
            try session.modelFile.save(to: URL(fileURLWithPath: savePath))
            print("saved the model to \(savePath)")
        }
        if let best, let epoch = best.epoch {
            let result = try best.finish(testingOn: session.testImages, kernel: session.trainer.kernel)
            print(
                "saved epoch \(epoch), the best by validation (\(Format.percent(best.validationAccuracy))), to \(best.path): test accuracy \(Format.percent(result.accuracy))"
            )
        }
    }
}
