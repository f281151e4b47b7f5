import ArgumentParser
import MNIST

/// A named recipe for `mnist train`: a set of flags that stands in for typing them all.
/// Flags given on the command line win over the preset's, wherever they appear.
enum Preset: String, CaseIterable, ExpressibleByArgument {
    /// The most accurate multilayer perceptron we know how to train here in under an hour
    /// (docs/best-mlp.md; for Fashion-MNIST, docs/fashion-mnist.md).
    case best
    /// The least training time to 99% test accuracy we know with an MLP on two cores: a wide
    /// first layer, which the sparse first-layer path makes cheap, for twelve epochs of affinely
    /// distorted images (docs/speedrun.md).
    case speedrun

    /// The flags the preset stands for when it trains on the data set called `dataSet`: `best`
    /// has a recipe of its own for Fashion-MNIST (docs/fashion-mnist.md): mirror images instead of
    /// the digits' elastic distortions, which turn a garment into no garment at all, dropout and
    /// label smoothing.
    func arguments(dataSet: String) -> [String] {
        switch self {
        case .best where dataSet == DataSet.fashion.name:
            [
                "--hidden", "1024,1024", "--epochs", "50", "--batch-size", "128",
                "--optimizer", "nesterov", "--lr", "0.05", "--schedule", "cosine", "--warmup-epochs", "1",
                "--weight-decay", "1e-4", "--augment", "affine", "--dropout", "0.2", "--label-smoothing", "0.1",
                "--validation", "0",
            ]
        case .best:
            [
                "--hidden", "1024,1024", "--epochs", "100", "--batch-size", "128",
                "--optimizer", "nesterov", "--lr", "0.05", "--schedule", "cosine", "--warmup-epochs", "1",
                "--weight-decay", "1e-4", "--augment", "elastic",
            ]
        case .speedrun:
            [
                "--hidden", "1024,256", "--epochs", "12", "--batch-size", "128",
                "--optimizer", "nesterov", "--lr", "0.05", "--schedule", "cosine", "--warmup-epochs", "1",
                "--weight-decay", "1e-4", "--augment", "affine", "--validation", "0",
            ]
        }
    }

    /// The command line with `train`'s preset, if any, spelled out for its `--dataset`: the
    /// preset's flags go first, before everything the user typed, so that the user's own flags
    /// override them.
    static func expand(_ arguments: [String]) -> [String] {
        guard arguments.first == "train" else { return arguments }
        let rest = arguments.dropFirst()
        // An unknown name is left for the parser to report, with the list of presets.
        guard let preset = value(of: "--preset", in: rest).flatMap(Preset.init(rawValue:)) else { return arguments }
        return ["train"] + preset.arguments(dataSet: value(of: "--dataset", in: rest) ?? DataSet.mnist.name) + rest
    }

    /// The last value given to `option` in `arguments`, as `--option VALUE` or `--option=VALUE`.
    private static func value(of option: String, in arguments: ArraySlice<String>) -> String? {
        var value: String?
        for (index, argument) in zip(arguments.indices, arguments) {
            if argument == option, index + 1 < arguments.endIndex { value = arguments[index + 1] }
            if argument.hasPrefix(option + "=") { value = String(argument.dropFirst(option.count + 1)) }
        }
        return value
    }
}
