import Foundation
import NeuralNet

/// One training run from its images to its model file: the recipe's network and trainer, the
/// epochs with validation after each, the test and the record a model file keeps. `mnist
/// train`, the page's training runs and the tests all train through a session; none of them
/// loops over epochs itself.
///
///     let session = try TrainingSession(recipe: recipe, splits: splits, kernel: kernel)
///     let test = try session.train { event in … }   // every epoch, then the test set
///     try session.modelFile.save(to: url)
///
/// `trainBatch` trains exactly one batch instead, for a caller that goes step by step. Events
/// arrive on the calling thread; the batch events allocate nothing (the history's steps are
/// reserved up front), so the steady-state step stays free of allocations.
public final class TrainingSession {
    /// What the run learns and how.
    public let recipe: TrainingRecipe
    /// The training, validation and test images.
    public let splits: TrainingSplits
    /// The data set they come from, which the model file records.
    public let dataSet: DataSet
    /// The trainer and the training data as it sees them.
    public let run: TrainingRun
    /// Every batch's loss and every epoch's figures so far, as the learning curves draw them.
    public private(set) var history: TrainingHistory
    /// How the model was trained, as its file records it; updated after every epoch and by `test`.
    public private(set) var record: TrainingRecord
    /// Epochs of this session finished so far.
    public private(set) var epochsDone = 0

    private let validationData: NormalizedImages
    private let testData: NormalizedImages
    private let earlierEpochs: Int

    /// A session ready to train; throws when a batch would not fit in the training images.
    ///
    /// - Parameters:
    ///   - recipe: the network, optimizer, schedule, regularization and seed.
    ///   - splits: the training, validation and test images.
    ///   - dataSet: the data set they come from, which the model file records.
    ///   - resumed: a model to train further instead of a fresh network; its normalization
    ///     must be the recipe's.
    ///   - kernel: runs every matrix product of training and evaluation.
    ///   - augmentationThreads: threads that distort the training images, when the recipe
    ///     augments them; the images are the same for any count.
    public init(
        recipe: TrainingRecipe, splits: TrainingSplits, dataSet: DataSet = .mnist, resuming resumed: ModelFile? = nil,
        kernel: any GEMMKernel, augmentationThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(TrainingSessionError) {
        guard recipe.batchSize <= splits.training.count else {
            throw .batchLargerThanTrainingSet(batchSize: recipe.batchSize, images: splits.training.count)
        }
        precondition(
            resumed == nil || resumed!.normalization == recipe.normalization,
            "a resumed model keeps its own normalization: put it in the recipe")
        self.recipe = recipe
        self.splits = splits
        self.dataSet = dataSet
        run = recipe.makeRun(
            training: splits.training, resuming: resumed?.network, kernel: kernel,
            augmentationThreads: augmentationThreads)
        history = TrainingHistory(stepsPerEpoch: run.stepsPerEpoch, plannedEpochs: recipe.epochs)
        earlierEpochs = resumed?.trainedEpochs ?? 0
        record = TrainingRecord(
            recipe: recipe, earlierEpochs: earlierEpochs, trainingImages: splits.training.count,
            validationImages: splits.validation.count)
        validationData = NormalizedImages(splits.validation, normalization: recipe.normalization)
        testData = NormalizedImages(splits.test, normalization: recipe.normalization)
    }

    /// The network being trained, in place.
    public var network: MLP { run.network }
    /// The trainer that steps it.
    public var trainer: Trainer { run.trainer }
    /// Training steps per epoch.
    public var stepsPerEpoch: Int { run.stepsPerEpoch }
    /// Whether every planned epoch is done.
    public var isFinished: Bool { epochsDone == recipe.epochs }
    /// The test images, normalized as the network reads them.
    public var testImages: some Dataset { testData }

    /// Trains exactly one batch and reports it; when it ends an epoch, validates and reports
    /// the epoch too. Throws `TrainingError.nonFiniteLoss` when the loss stops being a number,
    /// and whatever `events` throws (to stop between two batches).
    public func trainBatch(events: (TrainingEvent) throws -> Void = { _ in }) throws {
        precondition(!isFinished, "the session has trained all \(recipe.epochs) epochs")
        let progress = try trainer.trainBatch(on: run.data)
        history.record(stepLoss: progress.batchLoss)
        try events(.batch(progress))
        guard let summary = progress.summary else { return }
        let validation = splits.validation.count > 0 ? trainer.evaluate(on: validationData) : nil
        let report = EpochReport(summary: summary, validation: validation, learningRate: trainer.optimizer.learningRate)
        epochsDone += 1
        history.record(TrainingHistory.Epoch(summary, validation: validation, learningRate: report.learningRate))
        record.epochs = earlierEpochs + epochsDone
        record.validationAccuracy = validation?.accuracy
        try events(.epoch(report))
    }

    /// Trains the epochs left, reporting each batch and each epoch, then measures the network
    /// on the test images and records the result.
    public func train(events: (TrainingEvent) throws -> Void = { _ in }) throws -> Evaluation {
        while !isFinished { try trainBatch(events: events) }
        return test()
    }

    /// The network's loss and accuracy on the test images, which the record keeps.
    public func test() -> Evaluation {
        let result = trainer.evaluate(on: testData)
        record.testAccuracy = result.accuracy
        return result
    }

    /// The network as a model file, with its normalization, data set and the record so far.
    public var modelFile: ModelFile {
        ModelFile(network: network, normalization: recipe.normalization, dataSet: dataSet, metadata: record.metadata)
    }
}

/// Why a training session cannot start.
public enum TrainingSessionError: Error, Equatable, CustomStringConvertible {
    /// The recipe's batch size is larger than the `images` of the training split.
    case batchLargerThanTrainingSet(batchSize: Int, images: Int)

    public var description: String {
        switch self {
        case let .batchLargerThanTrainingSet(batchSize, images):
            "a batch of \(batchSize) is larger than the training set, \(images) images: every step would be the whole set."
        }
    }
}
