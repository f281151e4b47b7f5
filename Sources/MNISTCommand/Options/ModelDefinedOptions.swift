import ArgumentParser

/// `mnist train`'s flags for what a model file already fixes: the layer sizes and the pixel
/// normalization. Commands that read a model accept them, hidden from help, only to say where
/// those come from instead of calling them unknown.
struct ModelDefinedOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: .hidden) var hidden: String?
    @Option(parsing: .unconditional, help: .hidden) var mean: String?
    @Option(parsing: .unconditional, help: .hidden) var std: String?

    func validate() throws {
        let given = [
            ("--hidden", hidden, "layer sizes come"), ("--mean", mean, "pixel mean comes"),
            ("--std", std, "pixel standard deviation comes"),
        ]
        guard let (flag, _, what) = given.first(where: { $0.1 != nil }) else { return }
        throw ValidationError(
            "\(flag) is for mnist train: here the \(what) from the model file given by --model (set it when training: mnist train \(flag) ... --save FILE)."
        )
    }
}
