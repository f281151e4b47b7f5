import ArgumentParser
import MNIST
import NeuralNet

/// The flags that choose what a run learns, shared by `train` and `bench`, so that both build
/// the same `TrainingRecipe` from the same flags: the widths, how the weights learn (the
/// optimizer's flags, whose rules are in RecipeOptions+Optimizer.swift), augmentation,
/// regularization beyond weight decay, the first layer's path, the seed and the normalization.
///
/// They are one group, not groups within a group: a debug build of the argument parser checks
/// every group each time it parses, and a nested group's checks cost `mnist train` and
/// `mnist bench` a quarter of a second at each start.
struct RecipeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Widths of the hidden ReLU layers, comma-separated (default: 128,64).", valueName: "widths"))
    var hidden: IntegerList?

    @Option(
        help: ArgumentHelp(
            "sgd (with momentum; the default), nesterov (SGD with Nesterov momentum), adam, or adamw (Adam with decoupled weight decay).",
            valueName: "name"),
        transform: OptimizerSettings.Kind.init(parsing:))
    var optimizer = OptimizerSettings.Kind.sgd

    @Option(
        name: .customLong("lr"), parsing: .unconditional,
        help: "Learning rate (default: 0.03 for sgd and nesterov, 0.001 for adam and adamw).")
    var learningRate: Float?

    @Option(
        help:
            "How the learning rate changes over the run: constant; cosine (from --lr down to 0); step (times --step-factor every --step-epochs); onecycle (a linear climb to --lr over --warmup-epochs, then a linear fall to 0)."
    )
    var schedule = ScheduleSettings.Kind.cosine

    @Option(
        parsing: .unconditional,
        help:
            "Epochs (fractions allowed) of linear warm-up from --lr/25 to --lr, with any schedule (default: 0; 30% of the run for onecycle)."
    )
    var warmupEpochs: Double?

    @Option(
        parsing: .unconditional,
        help: "With --schedule step: epochs between two drops of the rate (default: a third of the run, rounded up).")
    var stepEpochs: Int?

    @Option(
        parsing: .unconditional,
        help: "With --schedule step: what each drop multiplies the rate by, above 0 and below 1 (default: 0.1).")
    var stepFactor: Float?

    @Option(
        parsing: .unconditional,
        help: "Momentum of sgd and nesterov, from 0 (none) up to but not including 1 (default: 0.9).")
    var momentum: Float?

    @Option(
        parsing: .unconditional,
        help: "Adam's decay rate for its running mean of the gradient, in [0, 1) (default: 0.9).")
    var beta1: Float?

    @Option(
        parsing: .unconditional,
        help: "Adam's decay rate for its running mean of the squared gradient, in [0, 1) (default: 0.999).")
    var beta2: Float?

    @Option(
        parsing: .unconditional,
        help:
            "Weight decay on the weights, not the biases: an L2 term for sgd, nesterov and adam, decoupled for adamw (default: 1e-4, 0.01 for adamw)."
    )
    var weightDecay: Float?

    @Option(
        help:
            "Random distortion of each training image every time it is drawn: none, affine (rotate, scale, shear, shift; for Fashion-MNIST, mirror left to right instead) or elastic (affine plus an elastic wobble)."
    )
    var augment = Augmentation.none

    @Option(
        parsing: .unconditional,
        help:
            "Probability of dropping each hidden unit in training steps, at least 0 and below 1; kept units are scaled by 1/(1-p), and evaluation does not drop; 0 turns it off."
    )
    var dropout: Float = 0

    @Option(
        parsing: .unconditional,
        help:
            "Label smoothing ε, at least 0 and below 1: the training target is (1-ε)·onehot + ε/10; 0 turns it off. The training loss shown includes it; validation and test losses do not."
    )
    var labelSmoothing: Float = 0

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
        guard (0..<1).contains(dropout) else {
            throw ValidationError("--dropout must be at least 0 and below 1, such as 0.2 (got \(dropout)).")
        }
        guard (0..<1).contains(labelSmoothing) else {
            throw ValidationError(
                "--label-smoothing must be at least 0 and below 1, such as 0.1 (got \(labelSmoothing)).")
        }
        try validateOptimizer()
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
        recipe.optimizer = optimizerSettings
        recipe.schedule = scheduleSettings(epochs: epochs)
        recipe.dropout = dropout
        recipe.labelSmoothing = labelSmoothing
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
