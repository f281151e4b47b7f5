import ArgumentParser
import Foundation
import MNIST

/// The images of a training run: the training set less the validation images held out from
/// its end (and cut to `--limit`), and the test set.
struct TrainingSplits {
    var training: LabelledImages
    var validation: LabelledImages
    var test: LabelledImages

    /// Loads both sets from `directory` and prints what it loaded.
    static func load(from directory: MNISTDirectory, validation count: Int, limit: Int?) throws -> TrainingSplits {
        let start = ContinuousClock.now
        let allTraining = try directory.trainingSet()
        let test = try directory.testSet()
        guard count < allTraining.count else {
            throw ValidationError(
                "--validation \(count) would leave no training images (the training set has \(allTraining.count)).")
        }
        var (training, validation) = allTraining.split(validationCount: count)
        if let limit, limit < training.count { training = training.slice(0..<limit) }
        print(
            "loaded \(Format.grouped(allTraining.count)) training and \(Format.grouped(test.count)) test images from \(directory.url.path) in \(Format.fixed((ContinuousClock.now - start).seconds, 2)) s"
        )
        return TrainingSplits(training: training, validation: validation, test: test)
    }
}
