import Foundation
import MNIST
import NeuralNet

/// The model of the epoch with the highest validation accuracy so far, kept in a file
/// (`train --save-best`). The file is rewritten, atomically, each time an epoch beats every
/// earlier one, so an interrupted run still leaves its best model behind.
struct BestCheckpoint {
    let path: String
    /// The epoch of this run whose model the file holds, once one has been written.
    private(set) var epoch: Int?
    private(set) var validationAccuracy = -Double.infinity

    init(path: String) { self.path = path }

    /// Writes the model that `file` makes if `accuracy` beats every earlier epoch's (ties keep
    /// the earlier epoch); returns whether it did.
    mutating func offer(epoch: Int, validationAccuracy accuracy: Double, file: () -> ModelFile) throws -> Bool {
        guard accuracy > validationAccuracy else { return false }
        try file().save(to: URL(fileURLWithPath: path))
        (self.epoch, validationAccuracy) = (epoch, accuracy)
        return true
    }

    /// Measures the kept model on `test` and records the result in its file; returns it.
    func finish(testingOn test: some Dataset, kernel: any GEMMKernel) throws -> Evaluation {
        var model = try ModelFile.load(from: URL(fileURLWithPath: path))
        let result = Evaluator(network: model.network, kernel: kernel).evaluate(on: test)
        model.metadata[TrainingRecord.testAccuracyKey] = String(result.accuracy)
        try model.save(to: URL(fileURLWithPath: path))
        return result
    }
}
