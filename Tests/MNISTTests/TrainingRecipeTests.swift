import MNIST
import NeuralNet
import Testing

@Suite struct TrainingRecipeTests {
    /// 256 random 28×28 images with random labels.
    static let images: LabelledImages = {
        var generator = RandomGenerator(seed: 11)
        let pixels = (0..<256 * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let labels = (0..<256).map { _ in UInt8(generator.next() % 10) }
        return LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels)
    }()

    func weightsAfterOneEpoch(_ recipe: TrainingRecipe) throws -> [Float] {
        let run = recipe.makeRun(training: Self.images, kernel: ReferenceKernel(), augmentationThreads: 1)
        _ = try run.trainEpoch()
        return run.network.parameters.flatMap(\.value.values)
    }

    @Test func theSameRecipeTrainsTheSameWeights() throws {
        var recipe = TrainingRecipe()
        (recipe.hiddenWidths, recipe.batchSize, recipe.dropout, recipe.augmentation) = ([16], 32, 0.2, .elastic)
        #expect(try weightsAfterOneEpoch(recipe) == weightsAfterOneEpoch(recipe))
        var reseeded = recipe
        reseeded.seed += 1
        #expect(try weightsAfterOneEpoch(recipe) != weightsAfterOneEpoch(reseeded))
    }

    @Test func theRunFollowsTheRecipe() {
        var recipe = TrainingRecipe()
        (recipe.hiddenWidths, recipe.batchSize, recipe.epochs) = ([20, 12], 100, 3)
        recipe.optimizer = OptimizerSettings(.adamw)
        recipe.schedule = ScheduleSettings(.onecycle, warmupEpochs: 1)
        recipe.labelSmoothing = 0.1
        let run = recipe.makeRun(training: Self.images, kernel: ReferenceKernel())
        #expect(run.network.sizes == [784, 20, 12, 10])
        #expect(run.stepsPerEpoch == 3)  // 256 images in batches of 100
        #expect(run.trainer.plannedSteps == 9)
        #expect(run.trainer.schedule == .oneCycle(warmupSteps: 3))
        #expect(run.trainer.optimizer is Adam && run.trainer.optimizer.learningRate == 0.001)
        #expect(run.trainer.dropout == nil && run.trainer.labelSmoothing == 0.1)
        #expect(run.data is NormalizedImages)
    }

    @Test func aResumedNetworkIsTrainedAsItIs() throws {
        var recipe = TrainingRecipe()
        recipe.hiddenWidths = [8]
        let network = MLP(sizes: [784, 8, 10])  // all zeros: a fresh network would be random
        let run = recipe.makeRun(training: Self.images, resuming: network, kernel: ReferenceKernel())
        #expect(run.network === network)
        #expect(network.layers[0].weight.value.values.allSatisfy { $0 == 0 })
    }
}
