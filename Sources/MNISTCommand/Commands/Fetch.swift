import ArgumentParser
import Foundation
import MNIST

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download the four files of MNIST (or another --dataset) into the data directory and verify them.",
        discussion: """
            Each file is checked against the SHA-256 of the data set's original distribution and \
            written only once it matches. Files already present and valid are kept.
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A URL or local folder to fetch from, tried before nothing else (default: for MNIST $MNIST_MIRROR, else the data set's public mirrors).",
            valueName: "url-or-folder"))
    var mirror: String?

    @Flag(
        name: .long,
        help:
            "Accept any valid IDX files with the MNIST names (for data sets not built in) instead of checking the data set's checksums."
    )
    var noVerify = false

    func run() throws {
        let dataSet = dataOptions.dataSet
        let environment = dataSet == .mnist ? ProcessInfo.processInfo.environment["MNIST_MIRROR"] : nil
        let mirrors = (mirror ?? environment).map { [MNISTMirror($0)] } ?? dataSet.mirrors
        let directory = dataOptions.directoryURL
        print(
            "fetching \(dataSet.title) into \(directory.path) from \(mirrors.map(\.description).joined(separator: ", "))"
        )
        let fetcher = Fetcher(
            directory: directory, mirrors: mirrors, checksums: dataSet.checksums, dataSetTitle: dataSet.title,
            verifyChecksums: !noVerify)
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
        print("\(dataSet.title) is ready in \(directory.path)")
    }
}
