// Scoring a data set, in package-benchmark's format, beside the training step's benchmarks:
// `make bench` (or `swift package benchmark` in this folder) runs both. No thresholds: the
// numbers are for people to read, not a gate.
import Benchmark
import Foundation
import MNIST
import NeuralNet

let benchmarks: @Sendable () -> Void = {
    evaluationBenchmarks()
}

/// The images each call scores: twenty batches of the evaluator's 128.
let imageCount = 2_560

/// Wall clock and throughput (calls/s; times 2,560 for images/s) of `Evaluator.evaluate` with
/// the default model's shape, for each kernel: one batch at a time on one thread, and one
/// batch per core at once, as `mnist evaluate` scores. The images are blank but for a fifth of
/// their pixels, inked at random, so that the first layer takes the product over the inked
/// pixels (`SparseInput`) as it does on MNIST. The allocation count is per call: the result's
/// arrays, none per batch.
func evaluationBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 5, maxDuration: .seconds(2))
    var generator = RandomGenerator(seed: 1)
    let data = NormalizedImages(partlyInkedImages(count: imageCount, inkedShare: 0.19, using: &generator))
    let network = MLP(sizes: TrainingRecipe().layerSizes(inputs: data.featureCount))
    network.initialize(using: &generator)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    for kind in KernelKind.allCases {
        for threads in Set([1, cores]).sorted() {
            let evaluator = Evaluator(network: network, kernels: kind.makePerThread(count: threads))
            let batches = threads == 1 ? "1 batch" : "\(threads) batches"
            Benchmark(
                "evaluation of \(imageCount) images, \(kind.rawValue) kernel, \(batches) at a time",
                configuration: configuration
            ) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(evaluator.evaluate(on: data))
                }
            }
        }
    }
}

/// `count` 28×28 images, blank but for `inkedShare` of their pixels, inked at random with a
/// random gray; the first pixel, whose value `SparseInput` takes for the blank one, is always
/// blank, as in MNIST. Random labels.
func partlyInkedImages(count: Int, inkedShare: Double, using generator: inout RandomGenerator) -> LabelledImages {
    let pixels = (0..<count * 784).map { index in
        index % 784 != 0 && generator.nextUnitDouble() < inkedShare
            ? UInt8(truncatingIfNeeded: generator.next() | 1) : 0
    }
    let labels = (0..<count).map { _ in UInt8(generator.next() % 10) }
    return LabelledImages(height: 28, width: 28, pixels: pixels, labels: labels)
}
