import ArgumentParser

/// A named recipe for `mnist train`: a set of flags that stands in for typing them all.
/// Flags given on the command line win over the preset's, wherever they appear.
enum Preset: String, CaseIterable, ExpressibleByArgument {
    /// The most accurate multilayer perceptron we know how to train here in under an hour
    /// (docs/best-mlp.md).
    case best
    /// The least training time to 99% test accuracy we know with an MLP on two cores: a wide
    /// first layer, which the sparse first-layer path makes cheap, for twelve epochs of affinely
    /// distorted images (docs/speedrun.md).
    case speedrun

    /// The flags the preset stands for.
    var arguments: [String] {
        switch self {
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

    /// The command line with `train`'s preset, if any, spelled out: the preset's flags go first,
    /// before everything the user typed, so that the user's own flags override them.
    static func expand(_ arguments: [String]) -> [String] {
        guard arguments.first == "train" else { return arguments }
        let rest = arguments.dropFirst()
        var name: String?
        for (index, argument) in zip(rest.indices, rest) {
            if argument == "--preset", index + 1 < rest.endIndex { name = rest[index + 1] }
            if argument.hasPrefix("--preset=") { name = String(argument.dropFirst("--preset=".count)) }
        }
        // An unknown name is left for the parser to report, with the list of presets.
        guard let preset = name.flatMap(Preset.init(rawValue:)) else { return arguments }
        return ["train"] + preset.arguments + rest
    }
}
