import Foundation
import MNIST
import NeuralNet

/// The model files a training run writes: the last epoch's model (`--save`) and the best
/// epoch's (`--save-best`), each with the record of how it was trained.
struct ModelCheckpoints {
    let network: MLP
    let normalization: Normalization
    let savePath: String?
    private var best: BestCheckpoint?
    private var record: TrainingRecord
    private let earlierEpochs: Int

    init(network: MLP, normalization: Normalization, record: TrainingRecord, save: String?, saveBest: String?) {
        (self.network, self.normalization, self.record) = (network, normalization, record)
        earlierEpochs = record.epochs
        savePath = save
        best = saveBest.map(BestCheckpoint.init(path:))
    }

    private var modelFile: ModelFile {
        ModelFile(network: network, normalization: normalization, metadata: record.metadata)
    }

    /// Records the end of `epoch`; returns whether the best-epoch file now holds its model.
    mutating func epochEnded(_ epoch: Int, validation: Evaluation?) throws -> Bool {
        record.epochs = earlierEpochs + epoch
        record.validationAccuracy = validation?.accuracy
        guard let validation, var checkpoint = best else { return false }
        defer { best = checkpoint }
        return try checkpoint.offer(epoch: epoch, validationAccuracy: validation.accuracy) { modelFile }
    }

    /// Saves the final model with its `test` result, and measures the best epoch's model on
    /// `testData`; prints what it wrote.
    mutating func finish(test: Evaluation, testData: some Dataset, kernel: any GEMMKernel) throws {
        if let savePath {
            record.testAccuracy = test.accuracy
            try modelFile.save(to: URL(fileURLWithPath: savePath))
            print("saved the model to \(savePath)")
        }
        if let best, let epoch = best.epoch {
            let result = try best.finish(testingOn: testData, kernel: kernel)
            print(
                "saved epoch \(epoch), the best by validation (\(Format.percent(best.validationAccuracy))), to \(best.path): test accuracy \(Format.percent(result.accuracy))"
            )
        }
    }
}
