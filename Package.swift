// swift-tools-version: 6.1
import PackageDescription

// `make test` sets SWIFTMNIST_OPTIMIZE=1: the engine and the code that prepares data and
// images then compile with -O even in the debug build the tests use (testable imports still
// work), so the many tests that train or run `mnist` take seconds instead of minutes, while
// the dependencies (SwiftNIO, Hummingbird, ArgumentParser) keep their quicker debug build.
let optimizedForTests: [SwiftSetting] =
    Context.environment["SWIFTMNIST_OPTIMIZE"] == "1" ? [.unsafeFlags(["-O"])] : []

let package = Package(
    name: "SwiftMNIST",
    products: [
        .executable(name: "mnist", targets: ["MNISTCommand"]),
        .executable(name: "mnist-minimal", targets: ["MNISTMinimal"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "MNIST", targets: ["MNIST"]),
        .library(name: "Images", targets: ["Images"]),
        .library(name: "Charts", targets: ["Charts"]),
        // The parsers' properties, shared by the fuzzers in Fuzz/ and the tests that replay their findings.
        .library(name: "ParserProperties", targets: ["ParserProperties"]),
    ],
    traits: [
        .trait(name: "OpenBLAS", description: "Run matrix products through OpenBLAS cblas_sgemm."),
        .trait(name: "Server", description: "Add `mnist serve`, the web app on Hummingbird (slow first build)."),
        .default(enabledTraits: ["OpenBLAS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CJPEG",
            providers: [.apt(["libjpeg-dev"])]
        ),
        .target(
            name: "NeuralNet",
            dependencies: [
                .target(name: "COpenBLAS", condition: .when(traits: ["OpenBLAS"])),
            ],
            swiftSettings: optimizedForTests
        ),
        .target(
            name: "MNIST",
            dependencies: ["NeuralNet", "Images", "CZlib"],
            swiftSettings: optimizedForTests
        ),
        .target(
            name: "Images",
            dependencies: ["CPNG", "CJPEG"],
            swiftSettings: optimizedForTests
        ),
        .target(name: "Charts", swiftSettings: optimizedForTests),
        // The principal axes of the map of the test set: LAPACKE with the OpenBLAS trait, a
        // Jacobi eigen-decomposition in Swift always.
        .target(
            name: "PrincipalAxes",
            dependencies: ["NeuralNet", .target(name: "CLAPACKE", condition: .when(traits: ["OpenBLAS"]))],
            swiftSettings: optimizedForTests
        ),
        .target(name: "ONNXExport", dependencies: ["MNIST", "NeuralNet"]),
        .target(
            name: "Report",
            dependencies: ["Charts", "Images", "NeuralNet", "MNIST", "PrincipalAxes"],
            swiftSettings: optimizedForTests
        ),
        // What `mnist serve` reads from requests (bodies, report paths), without Hummingbird,
        // so that the fuzzers in Fuzz/ can run it.
        .target(name: "ServerRequests", dependencies: ["MNIST", "NeuralNet", "Images"]),
        .target(
            name: "MNISTServer",
            dependencies: [
                "NeuralNet",
                "MNIST",
                "Images",
                "Charts",
                "Report",
                "ServerRequests",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Server"])),
            ],
            resources: [.copy("Page"), .copy("API")]
        ),
        .executableTarget(
            name: "MNISTCommand",
            dependencies: [
                "NeuralNet",
                "MNIST",
                "Images",
                "Report",
                "ONNXExport",
                .target(name: "MNISTServer", condition: .when(traits: ["Server"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "MNISTMinimal",
            dependencies: ["MNIST", "NeuralNet"],
            path: "Examples/mnist-minimal"
        ),
        // No code: the DocC guide's articles, which link into these three modules (`make docs`).
        .target(name: "SwiftMNISTGuide", dependencies: ["NeuralNet", "MNIST", "Charts"]),
        .target(name: "TestSupport", dependencies: ["Images", "NeuralNet"], path: "Tests/TestSupport"),
        .target(
            name: "ParserProperties", dependencies: ["Images", "MNIST", "NeuralNet", "ServerRequests"], path: "Tests/ParserProperties"),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TestSupport"]),
        .testTarget(
            name: "MNISTTests", dependencies: ["MNIST", "Images", "NeuralNet", "TestSupport", "ParserProperties"]),
        .testTarget(name: "ImagesTests", dependencies: ["Images", "CPNG", "TestSupport"]),
        .testTarget(
            name: "MNISTCommandTests",
            dependencies: ["MNISTCommand", "MNIST", "Images", "NeuralNet", "ONNXExport", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        // The server's tests run the mnist binary, which every test build builds (`--build-tests`
        // builds every product), and do not import the command's module: without it as a
        // dependency, they compile while the command does.
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "MNIST", "NeuralNet", "Images", "Charts", "ServerRequests", "TestSupport",
                .target(name: "MNISTServer", condition: .when(traits: ["Server"])),
            ]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Charts", "MNIST", "PrincipalAxes", "TestSupport"]),
        .testTarget(name: "PrincipalAxesTests", dependencies: ["PrincipalAxes"]),
    ]
)

// `make docs` sets SWIFTMNIST_DOCS=1, and only then is swift-docc-plugin a dependency, so that
// resolving the package for `make train` or `make test` neither fetches it nor waits for it.
if Context.environment["SWIFTMNIST_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
