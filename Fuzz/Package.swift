// swift-tools-version: 6.1
// libFuzzer harnesses for every parser `mnist` runs on outside files, one executable each,
// built with libFuzzer and AddressSanitizer by `make fuzz` (Fuzz/fuzz.py says how, and
// docs/fuzzing.md why). A package of its own, so that the sanitizers never touch the
// main build.
import PackageDescription

/// Each harness: its name (the executable, and its folder in Harnesses/) and its target.
let harnesses = [
    ("idx", "FuzzIDX"), ("idx-gzip", "FuzzIDXGzip"), ("gzip", "FuzzGzip"), ("png", "FuzzPNG"), ("jpeg", "FuzzJPEG"),
    ("pnm", "FuzzPNM"), ("exif", "FuzzExif"), ("safetensors", "FuzzSafeTensors"), ("model-file", "FuzzModelFile"),
    ("server-request", "FuzzServerRequest"),
]

let package = Package(
    name: "SwiftMNISTFuzz",
    products: harnesses.map { name, target in .executable(name: name, targets: [target]) },
    // The parsers do not use the OpenBLAS kernel: leave it out.
    dependencies: [.package(name: "SwiftMNIST", path: "..", traits: [])],
    targets: harnesses.map { name, target in
        .executableTarget(
            name: target,
            dependencies: [.product(name: "ParserProperties", package: "SwiftMNIST")],
            path: "Harnesses/\(name)")
    }
)
