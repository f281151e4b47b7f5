import MNIST
import NeuralNet
import Testing

@testable import MNISTCommand

/// `mnist train` and `mnist bench` build their trainers from one `TrainingRecipe`, so the
/// benchmark times what training runs.
@Suite struct SharedRecipeTests {
    static let flagSets: [[String]] = [
        [],
        ["--optimizer", "adamw", "--dropout", "0.2", "--label-smoothing", "0.1"],
        [
            "--optimizer", "nesterov", "--lr", "0.05", "--schedule", "step", "--step-factor", "0.5", "--warmup-epochs",
            "1",
        ],
        [
            "--schedule", "onecycle", "--hidden", "32", "--augment", "elastic", "--seed", "7", "--mean", "0.5", "--std",
            "0.25",
        ],
    ]

    @Test(arguments: flagSets)
    func trainAndBenchBuildTheSameRecipeFromTheSameFlags(flags: [String]) throws {
        let train = try Train.parse(flags).recipe()
        let bench = try Bench.parse(flags).recipe(batchSize: train.batchSize)
        #expect(train == bench)
    }

    @Test func theDefaultsAreTheLibrarysRecipe() throws {
        let recipe = try Train.parse([]).recipe()
        #expect(recipe == TrainingRecipe())
        #expect(recipe.schedule.kind == .cosine, "bench used to time a constant rate while train used cosine")
        #expect(recipe.layerSizes(inputs: 784) == [784, 128, 64, 10])
    }

    @Test func flagsReachTheRecipe() throws {
        let recipe = try Train.parse(Self.flagSets[3] + ["--epochs", "4", "--batch-size", "32"]).recipe()
        #expect(recipe.schedule == ScheduleSettings(.onecycle, warmupEpochs: 0.3 * 4))
        #expect(recipe.hiddenWidths == [32] && recipe.augmentation == .elastic && recipe.seed == 7)
        #expect(recipe.normalization == Normalization(mean: 0.5, standardDeviation: 0.25))
        #expect((recipe.epochs, recipe.batchSize) == (4, 32))
        let step = try Train.parse(Self.flagSets[2]).recipe()
        #expect(step.schedule == ScheduleSettings(.step, warmupEpochs: 1, stepEpochs: 4, stepFactor: 0.5))
        let adamw = try Train.parse(Self.flagSets[1]).recipe()
        #expect(adamw.optimizer == OptimizerSettings(.adamw, learningRate: 0.001, weightDecay: 0.01))
        #expect((adamw.dropout, adamw.labelSmoothing) == (0.2, 0.1))
    }
}
