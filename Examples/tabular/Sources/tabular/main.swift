// Trains an MLP on three interleaved spirals, evaluates it on points it never saw, saves it,
// loads it back and checks the copy answers the same. Flags: --seed N, --threads N, --save FILE.
import Foundation
import NeuralNet
import Spirals

/// Prints `message` to standard error and exits: with status 2 and the usage for a bad flag,
/// else with status 1.
func fail(_ message: String, usage: Bool = false) -> Never {
    let usageLine = usage ? "usage: tabular [--seed N] [--threads N] [--save FILE]\n" : ""
    FileHandle.standardError.write(Data("error: \(message)\n\(usageLine)".utf8))
    exit(usage ? 2 : 1)
}

var training = SpiralTraining()
var threads = 1
var modelURL = URL(fileURLWithPath: "spirals.safetensors")
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value", usage: true) }
    switch flag {
    case "--seed":
        guard let seed = UInt64(value) else { fail("--seed takes a whole number ≥ 0, not '\(value)'", usage: true) }
        training.seed = seed
    case "--threads":
        guard let count = Int(value), count > 0 else {
            fail("--threads takes a number ≥ 1, not '\(value)'", usage: true)
        }
        threads = count
    case "--save": modelURL = URL(fileURLWithPath: value)
    default: fail("unknown flag '\(flag)'", usage: true)
    }
}

// Data: 3,000 points to train on and 1,000 others, from other seeds, to test on.
let trainingSet = Spirals(count: 3000, seed: training.seed)
let testSet = Spirals(count: 1000, seed: training.seed + 1_000_000)

// The kernel: OpenBLAS when this package's OpenBLAS trait (the default) is on, else pure Swift.
let kernel = KernelKind.preferred.make(threads: threads)
let sizes = ([2] + training.hiddenWidths + [trainingSet.arms]).map(String.init).joined(separator: "-")
print(
    "training a \(sizes) MLP on \(trainingSet.count) points of \(trainingSet.arms) spirals; kernel \(kernel.name), seed \(training.seed)"
)

let network: MLP
do {
    network = try training.train(on: trainingSet, kernel: kernel) { epoch in
        guard epoch.epoch % 10 == 0 else { return }
        print(
            String(
                format: "epoch %2d/%d  loss %.4f  train %.2f%%", epoch.epoch, training.epochs, epoch.meanLoss,
                100 * epoch.accuracy))
    }
} catch {
    fail("\(error)")
}

let evaluation = Evaluator(network: network, kernel: kernel).evaluate(on: testSet)
print(String(format: "test accuracy: %.2f%% of %d points", 100 * evaluation.accuracy, evaluation.count))

do {
    try network.save(to: modelURL)
    let loaded = try MLP.load(from: modelURL)
    let again = Evaluator(network: loaded, kernel: kernel).evaluate(on: testSet)
    guard again.confusion == evaluation.confusion else { fail("the loaded model answers differently") }
    print("saved \(modelURL.path); loaded back, it scores the same")
} catch {
    fail("\(error)")
}
