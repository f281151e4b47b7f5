import ArgumentParser
import MNIST
import NeuralNet

/// The flags that choose what a run learns, shared by `train` and `bench`, so that both build
/// the same `TrainingRecipe` from the same flags.
struct RecipeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Widths of the hidden ReLU layers, comma-separated (default: 128,64).", valueName: "widths"))
    var hidden: IntegerList?

    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(
        help:
            "Random distortion of each training image every time it is drawn: none, affine (rotate, scale, shear, shift; for Fashion-MNIST, mirror left to right instead) or elastic (affine plus an elastic wobble)."
    )
    var augment = Augmentation.none

    @OptionGroup var regularizationOptions: RegularizationOptions

    @Option(
        help:
            "How training computes the first layer's products: dense (every pixel), sparse (only the pixels that differ from the blank value) or auto (sparse for batches blank enough, such as MNIST's; dense otherwise). The results agree to rounding."
    )
    var firstLayer = FirstLayerPath.automatic

    @Option(
        parsing: .unconditional,
        help:
            "Seed for weight initialization, shuffling, augmentation and dropout; the same seed gives the same run with --threads 1."
    )
    var seed: UInt64 = TrainingRecipe().seed

    @Option(
        parsing: .unconditional,
        help:
            "Pixel mean subtracted after scaling bytes to [0, 1] (default: the data set's, \(Normalization.mnist.mean) for MNIST)."
    )
    var mean: Float?

    @Option(
        parsing: .unconditional,
        help:
            "Pixel standard deviation divided by after subtracting the mean (default: the data set's, \(Normalization.mnist.standardDeviation) for MNIST)."
    )
    var std: Float?

    func validate() throws {
        if let hidden, !hidden.values.allSatisfy({ $0 >= 1 }) {
            throw ValidationError("--hidden must list positive layer widths such as 128,64 (got \(hidden)).")
        }
        if let std, !(std > 0 && std.isFinite) { throw ValidationError("--std must be positive (got \(std)).") }
        if let mean, !mean.isFinite { throw ValidationError("--mean must be a finite number (got \(mean)).") }
    }

    /// The recipe these flags choose for `epochs` epochs of batches of `batchSize` of
    /// `dataSet`'s images; a model being resumed brings its own normalization.
    func recipe(
        epochs: Int, batchSize: Int, dataSet: DataSet, resumedNormalization: Normalization? = nil
    ) -> TrainingRecipe {
        var recipe = TrainingRecipe()
        if let hidden { recipe.hiddenWidths = hidden.values }
        recipe.epochs = epochs
        recipe.batchSize = batchSize
        recipe.optimizer = optimizerOptions.optimizerSettings
        recipe.schedule = optimizerOptions.scheduleSettings(epochs: epochs)
        recipe.dropout = regularizationOptions.dropout
        recipe.labelSmoothing = regularizationOptions.labelSmoothing
        recipe.augmentation = augment
        recipe.distortions = dataSet.distortions
        recipe.normalization =
            resumedNormalization
            ?? Normalization(
                mean: mean ?? dataSet.normalization.mean,
                standardDeviation: std ?? dataSet.normalization.standardDeviation)
        recipe.seed = seed
        recipe.firstLayer = firstLayer
        return recipe
    }

    /// Fails if a flag asks for a different architecture or normalization than `model` has.
    func checkConsistency(with model: ModelFile, path: String) throws {
        let widths = Array(model.network.sizes.dropFirst().dropLast())
        if let hidden, hidden.values != widths {
            throw CommandError(
                "--hidden \(hidden) conflicts with the model in \(path), whose hidden layers are \(IntegerList(widths)); leave --hidden out when resuming."
            )
        }
        if let mean, mean != model.normalization.mean {
            throw CommandError(
                "--mean \(mean) conflicts with the model in \(path), trained with mean \(model.normalization.mean); leave --mean out when resuming."
            )
        }
        if let std, std != model.normalization.standardDeviation {
            throw CommandError(
                "--std \(std) conflicts with the model in \(path), trained with std \(model.normalization.standardDeviation); leave --std out when resuming."
            )
        }
    }
}

extension Augmentation: ExpressibleByArgument {}
extension FirstLayerPath: ExpressibleByArgument {}
