// swift-tools-version: 6.1
// The training-step benchmarks (allocations, and each kernel's speed) and the evaluation
// benchmarks live in a package of their own so that package-benchmark is never a dependency
// of SwiftMNIST itself: `make bench` runs them with `swift package benchmark`.
import PackageDescription

/// A package-benchmark executable in `Benchmarks/<name>`, on the engine and the MNIST library.
func benchmarkTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "NeuralNet", package: "SwiftMNIST"),
            .product(name: "MNIST", package: "SwiftMNIST"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "SwiftMNISTBenchmarks",
    dependencies: [
        .package(name: "SwiftMNIST", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [benchmarkTarget("TrainingStep"), benchmarkTarget("Evaluation")]
)
