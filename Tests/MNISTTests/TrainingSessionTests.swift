import MNIST
import NeuralNet
import Testing

/// The one training session that `mnist train`, the page and the tests run.
@Suite struct TrainingSessionTests {
    /// 300 training and 50 test images whose label is the row of a bright bar, so that a
    /// network learns them in an epoch or two.
    static let images: (training: LabelledImages, test: LabelledImages) = {
        var generator = RandomGenerator(seed: 3)
        func images(_ count: Int) -> LabelledImages {
            let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
            var pixels = (0..<count * 784).map { _ in UInt8(generator.next() % 60) }
            for (index, label) in labels.enumerated() {
                let row = index * 784 + (2 + Int(label) * 2) * 28
                for column in 4..<24 { pixels[row + column] = 255 }
            }
            return LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels)
        }
        return (images(300), images(50))
    }()
    static var allTraining: LabelledImages { images.training }
    static let splits = try! TrainingSplits(allTraining: images.training, test: images.test, validationCount: 40)

    static var recipe: TrainingRecipe {
        var recipe = TrainingRecipe()
        (recipe.hiddenWidths, recipe.batchSize, recipe.epochs) = ([24], 32, 3)
        return recipe
    }

    static func session(_ recipe: TrainingRecipe = recipe, resuming: ModelFile? = nil) throws -> TrainingSession {
        try TrainingSession(
            recipe: recipe, splits: splits, resuming: resuming, kernel: ReferenceKernel(), augmentationThreads: 1)
    }

    @Test func splitsHoldOutTheEndOfTheTrainingSet() throws {
        let labels = Self.allTraining.labels
        #expect(Self.splits.training.labels == Array(labels.prefix(260)))
        #expect(Self.splits.validation.labels == Array(labels.suffix(40)))
        let limited = try TrainingSplits(
            allTraining: Self.allTraining, test: Self.images.test, validationCount: 60, limit: 100)
        #expect(limited.training.labels == Array(labels.prefix(100)))
        #expect(limited.validation.labels == Array(labels.suffix(60)))
        #expect(limited.test.count == 50)
    }

    @Test func impossibleSplitsAreRefusedWithTheReason() {
        let training = Self.splits.training
        #expect(throws: SplitError.noTrainingLeft(validation: 260, trainingSet: 260)) {
            try TrainingSplits(allTraining: training, test: Self.splits.test, validationCount: 260)
        }
        #expect(throws: Never.self) {
            try TrainingSplits(allTraining: training, test: Self.splits.test, validationCount: 259)
        }
        #expect(throws: SplitError.emptyLimit(0)) {
            try TrainingSplits(allTraining: training, test: Self.splits.test, validationCount: 0, limit: 0)
        }
        #expect(throws: SplitError.negativeValidation(-1)) {
            try TrainingSplits(allTraining: training, test: Self.splits.test, validationCount: -1)
        }
        var recipe = Self.recipe
        recipe.batchSize = 261
        #expect(throws: TrainingSessionError.batchLargerThanTrainingSet(batchSize: 261, images: 260)) {
            try Self.session(recipe)
        }
    }

    @Test func trainsEveryEpochWithItsEventsThenTestsAndRecords() throws {
        let session = try Self.session()
        var batches: [EpochProgress] = []
        var epochs: [EpochReport] = []
        let test = try session.train { event in
            switch event {
            case .batch(let progress): batches.append(progress)
            case .epoch(let epoch): epochs.append(epoch)
            }
        }
        #expect(session.stepsPerEpoch == 9)  // 260 images in batches of 32
        #expect(batches.count == 27 && batches.map(\.epoch) == (1...3).flatMap { Array(repeating: $0, count: 9) })
        #expect(batches.filter { $0.summary != nil }.map(\.batch) == [9, 9, 9])
        #expect(epochs.map(\.summary.epoch) == [1, 2, 3] && epochs.allSatisfy { $0.validation?.count == 40 })
        #expect(session.history.stepLosses == batches.map { Float($0.batchLoss) })
        #expect(session.history.epochs.map(\.validationAccuracy) == epochs.map(\.validation?.accuracy))
        #expect(test.count == 50 && test.accuracy > 0.8, "\(test.accuracy)")
        let metadata = session.modelFile.metadata
        #expect(
            metadata["epochs"] == "3" && metadata["training_images"] == "260" && metadata["validation_images"] == "40")
        #expect(metadata["test_accuracy"] == String(test.accuracy))
        #expect(metadata["validation_accuracy"] == epochs.last?.validation.map { String($0.accuracy) })
        #expect(session.isFinished)
    }

    /// One batch at a time trains exactly what whole epochs train.
    @Test func batchByBatchIsTheSameRunAsEpochByEpoch() throws {
        let whole = try Self.session()
        let epochTest = try whole.train()
        let stepped = try Self.session()
        var events = 0
        while !stepped.isFinished {
            try stepped.trainBatch { _ in events += 1 }
        }
        #expect(events == 27 + 3)
        #expect(stepped.test().accuracy == epochTest.accuracy)
        #expect(stepped.network.parameters.map(\.value.values) == whole.network.parameters.map(\.value.values))
        #expect(stepped.modelFile.metadata == whole.modelFile.metadata)
    }

    @Test func aResumedModelCountsItsEarlierEpochs() throws {
        let first = try Self.session()
        _ = try first.train()
        var recipe = Self.recipe
        recipe.epochs = 1
        let resumed = try Self.session(recipe, resuming: first.modelFile)
        #expect(resumed.network === first.network)
        _ = try resumed.train()
        #expect(resumed.modelFile.metadata["epochs"] == "4")
    }

    @Test func anEventHandlerThatThrowsStopsTheRunBetweenBatches() throws {
        struct Stop: Error {}
        let session = try Self.session()
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try session.train { _ in
                seen += 1
                if seen == 5 { throw Stop() }
            }
        }
        #expect(session.epochsDone == 0 && session.history.stepLosses.count == 5)
    }
}
