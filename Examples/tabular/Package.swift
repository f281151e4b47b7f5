// swift-tools-version: 6.1
// A package of its own that uses SwiftMNIST's engine, NeuralNet, as any other package would:
// it trains an MLP to tell apart the arms of three interleaved spirals, points it makes itself.
//
//     swift run -c release tabular                          OpenBLAS's kernel (the default)
//     swift run -c release --disable-default-traits tabular the pure-Swift kernel, no OpenBLAS
//
// Add -Xswiftc -target-cpu -Xswiftc haswell (or your CPU) to either on x86-64: see README.md.
import PackageDescription

let package = Package(
    name: "Tabular",
    products: [.executable(name: "tabular", targets: ["tabular"])],
    // This package's OpenBLAS trait turns on SwiftMNIST's, so one flag picks the kernel.
    traits: [
        .trait(name: "OpenBLAS", description: "Train with OpenBLAS's cblas_sgemm (libopenblas-dev)."),
        .default(enabledTraits: ["OpenBLAS"]),
    ],
    dependencies: [
        // From a clone of the repository; in a package of yours, name its URL and version
        // instead: .package(url: "…/SwiftMNIST.git", .upToNextMinor(from: "0.4.0"), traits: …)
        .package(
            name: "SwiftMNIST", path: "../..",
            traits: [.trait(name: "OpenBLAS", condition: .when(traits: ["OpenBLAS"]))])
    ],
    targets: [
        .target(name: "Spirals", dependencies: [.product(name: "NeuralNet", package: "SwiftMNIST")]),
        .executableTarget(name: "tabular", dependencies: ["Spirals"]),
        .testTarget(name: "SpiralsTests", dependencies: ["Spirals"]),
    ]
)
