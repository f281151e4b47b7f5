import ArgumentParser
import Foundation
import MNIST

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download the four MNIST files into the data directory and verify them.",
        discussion: """
            Each file is checked against the SHA-256 of the original MNIST distribution and written \
            only once it matches. Files already present and valid are kept.
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A URL or local folder to fetch from, tried before nothing else (default: $MNIST_MIRROR, else the public HTTPS mirrors).",
            valueName: "url-or-folder"))
    var mirror: String?

    @Flag(
        name: .long,
        help:
            "Accept any valid IDX files with the MNIST names (for data sets such as Fashion-MNIST) instead of checking MNIST's checksums."
    )
    var noVerify = false

    func run() throws {
        let mirrors =
            (mirror ?? ProcessInfo.processInfo.environment["MNIST_MIRROR"]).map { [MNISTMirror($0)] }
            ?? MNISTMirror.defaults
        let directory = dataOptions.directoryURL
        print("fetching MNIST into \(directory.path) from \(mirrors.map(\.description).joined(separator: ", "))")
        let fetcher = Fetcher(directory: directory, mirrors: mirrors, verifyChecksums: !noVerify)
        try fetcher.fetch { event in
            switch event {
            case let .alreadyPresent(file):
                print("  \(file.compressedName): already present and valid")
            case let .fetched(file, mirror, bytes):
                print("  \(file.compressedName): \(Format.grouped(bytes)) bytes from \(mirror), verified")
            case let .mirrorFailed(file, mirror, reason):
                print("  \(file.compressedName): \(mirror) failed: \(reason)")
            }
        }
        print("MNIST is ready in \(directory.path)")
    }
}
