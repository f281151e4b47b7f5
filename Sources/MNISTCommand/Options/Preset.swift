import ArgumentParser

/// A named recipe for `mnist train`: a set of flags that stands in for typing them all.
/// Flags given on the command line win over the preset's, wherever they appear.
enum Preset: String, CaseIterable, ExpressibleByArgument {
    /// The most accurate multilayer perceptron we know how to train here in under an hour
    /// (docs/best-mlp.md).
    case best

    /// The flags the preset stands for.
    var arguments: [String] {
        switch self {
        case .best:
            [
                "--hidden", "1024,1024", "--epochs", "100", "--batch-size", "128",
                "--optimizer", "nesterov", "--lr", "0.05", "--schedule", "cosine", "--warmup-epochs", "1",
                "--weight-decay", "1e-4", "--augment", "elastic",
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
