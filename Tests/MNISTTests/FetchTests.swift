import Foundation
import MNIST
import TestSupport
import Testing

/// Runs a fetch and returns everything it reported.
private func fetchReporting(_ fetcher: Fetcher, _ files: [MNISTFile] = MNISTFile.allCases) throws(FetchError)
    -> [FetchEvent]
{
    var events: [FetchEvent] = []
    try fetcher.fetch(files) { events.append($0) }
    return events
}

/// The names in a folder, hidden ones (such as partial downloads) included, sorted.
private func contents(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

private func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? -1
}

/// A gzip archive named like `file` holding a valid one-dimensional IDX file that is not MNIST.
private func impostor(of file: MNISTFile, in folder: URL) throws {
    let content = try Fixtures.gzip(Fixtures.idx(dimensions: [3], data: [1, 2, 3]))
    try content.write(to: folder.appendingPathComponent(file.compressedName))
}

private let sharedMNIST = Fixtures.sharedMNIST ?? URL(fileURLWithPath: "/nonexistent")
private let needsMNIST = Testing.ConditionTrait.enabled(
    if: Fixtures.sharedMNIST != nil, "the offline MNIST mirror ../shared/mnist is not there")
private let labels: [MNISTFile] = [.trainingLabels, .testLabels]

/// `MNISTMirror` and `Fetcher`: local folders, a local HTTP server, and every way they fail.
@Suite struct FetchTests {}

extension FetchTests {
    @Suite struct Mirrors {
        @Test func webAndFolderMirrors() {
            #expect(MNISTMirror("https://example.org/mnist/") == .web(URL(string: "https://example.org/mnist/")!))
            #expect(MNISTMirror("HTTP://example.org/mnist") == .web(URL(string: "HTTP://example.org/mnist")!))
            #expect(MNISTMirror("/srv/mnist") == .folder(URL(fileURLWithPath: "/srv/mnist", isDirectory: true)))
            let relative = MNISTMirror("mirrors/mnist")
            let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent("mirrors/mnist").path
            #expect(relative.description == expected)
            #expect(
                MNISTMirror.defaults.map(\.description) == [
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/",
                ])
        }

        @Test func webURLWithSpacesIsStillWeb() {
            #expect(
                MNISTMirror("http://127.0.0.1:8000/my mnist/")
                    == .web(URL(string: "http://127.0.0.1:8000/my%20mnist/")!))
        }
    }
}

extension FetchTests {
    @Suite struct FromFolder {
        @Test(needsMNIST) func fetchesIntoANewDirectoryThenFindsThemPresent() throws {
            let root = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: root) }
            let directory = root.appendingPathComponent("nested/data")
            let mirror = MNISTMirror.folder(sharedMNIST)
            let fetcher = Fetcher(directory: directory, mirrors: [mirror])

            let first = try fetchReporting(fetcher, labels)
            #expect(
                first == [
                    .fetched(.trainingLabels, from: mirror, bytes: 28881),
                    .fetched(.testLabels, from: mirror, bytes: 4542),
                ])
            #expect(contents(of: directory) == ["t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"])
            for file in labels {
                let copy = try Data(contentsOf: directory.appendingPathComponent(file.compressedName))
                #expect(copy == (try Data(contentsOf: sharedMNIST.appendingPathComponent(file.compressedName))))
            }

            let second = try fetchReporting(fetcher, labels)
            #expect(second == [.alreadyPresent(.trainingLabels), .alreadyPresent(.testLabels)])
        }

        @Test(needsMNIST) func fetchesAllFourFiles() throws {
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let mirror = MNISTMirror.folder(sharedMNIST)

            let events = try fetchReporting(Fetcher(directory: directory, mirrors: [mirror]))
            #expect(
                events
                    == MNISTFile.allCases.map { file in
                        .fetched(
                            file, from: mirror, bytes: fileSize(sharedMNIST.appendingPathComponent(file.compressedName))
                        )
                    })
            #expect(contents(of: directory) == MNISTFile.allCases.map(\.compressedName).sorted())
        }

        /// A damaged file (garbage, truncated archive, valid gzip of other content) left by an
        /// earlier run is downloaded again and replaced.
        @Test(needsMNIST, arguments: ["garbage", "truncated", "impostor"])
        func replacesInvalidFile(damage: String) throws {
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let original = try Data(contentsOf: sharedMNIST.appendingPathComponent(MNISTFile.testLabels.compressedName))
            let target = directory.appendingPathComponent(MNISTFile.testLabels.compressedName)
            switch damage {
            case "garbage": try Data("not an archive".utf8).write(to: target)
            case "truncated": try original.prefix(original.count / 2).write(to: target)
            default: try impostor(of: .testLabels, in: directory)
            }
            let mirror = MNISTMirror.folder(sharedMNIST)

            let events = try fetchReporting(Fetcher(directory: directory, mirrors: [mirror]), [.testLabels])
            #expect(events == [.fetched(.testLabels, from: mirror, bytes: original.count)])
            #expect(try Data(contentsOf: target) == original)
            #expect(contents(of: directory) == [MNISTFile.testLabels.compressedName])
        }

        @Test func missingFileInFolderMirror() throws {
            let directory = Fixtures.temporaryDirectory("fetch")
            let emptyMirror = Fixtures.temporaryDirectory("mirror")
            defer {
                try? FileManager.default.removeItem(at: directory)
                try? FileManager.default.removeItem(at: emptyMirror)
            }
            var events: [FetchEvent] = []
            let error = #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: [.folder(emptyMirror)]).fetch([.testLabels]) {
                    events.append($0)
                }
            }
            let reason = "\(emptyMirror.path)/t10k-labels-idx1-ubyte.gz does not exist"
            #expect(events == [.mirrorFailed(.testLabels, mirror: .folder(emptyMirror), reason: reason)])
            #expect(
                error
                    == .allMirrorsFailed(
                        .testLabels, failures: [MirrorFailure(mirror: .folder(emptyMirror), reason: reason)]))
            #expect(contents(of: directory).isEmpty)
        }

        @Test func directoryThatCannotBeCreated() throws {
            let root = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: root) }
            let blocker = root.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: blocker)
            let directory = blocker.appendingPathComponent("data")

            let error = #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: MNISTMirror.defaults).fetch { _ in }
            }
            guard case let .cannotCreateDirectory(path, _)? = error else {
                Issue.record("expected cannotCreateDirectory, got \(String(describing: error))")
                return
            }
            #expect(path == directory.path)
            #expect(error?.description.hasPrefix("cannot create the data directory \(directory.path): ") == true)
            #expect(error?.description.contains("--data") == true)
        }

        @Test func noMirrorsAtAll() {
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let error = #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: []).fetch([.testLabels]) { _ in }
            }
            #expect(error == .allMirrorsFailed(.testLabels, failures: []))
            #expect(error?.description.contains("cannot fetch t10k-labels-idx1-ubyte.gz: no mirror was given") == true)
            #expect(error?.description.contains("MNIST_MIRROR") == true)
        }

        /// Without checksums (Fashion-MNIST and other data sets with MNIST's file names), any
        /// gzip-compressed IDX file is accepted, and anything else is still rejected.
        @Test func withoutChecksumsAcceptsAnyIDX() throws {
            let directory = Fixtures.temporaryDirectory("fetch")
            let mirror = Fixtures.temporaryDirectory("mirror")
            defer {
                try? FileManager.default.removeItem(at: directory)
                try? FileManager.default.removeItem(at: mirror)
            }
            try impostor(of: .testLabels, in: mirror)
            try Fixtures.gzip(Data("hello".utf8)).write(
                to: mirror.appendingPathComponent(MNISTFile.testImages.compressedName))
            let fetcher = Fetcher(directory: directory, mirrors: [.folder(mirror)], verifyChecksums: false)

            let events = try fetchReporting(fetcher, [.testLabels])
            #expect(events.count == 1)
            guard case .fetched(.testLabels, from: .folder(mirror), _)? = events.first else {
                Issue.record("expected a fetch from the mirror, got \(events)")
                return
            }
            #expect(try fetchReporting(fetcher, [.testLabels]) == [.alreadyPresent(.testLabels)])

            let error = #expect(throws: FetchError.self) { try fetchReporting(fetcher, [.testImages]) }
            guard case let .allMirrorsFailed(.testImages, failures, _)? = error, let failure = failures.first else {
                Issue.record("expected allMirrorsFailed, got \(String(describing: error))")
                return
            }
            #expect(failure.reason.hasPrefix("t10k-images-idx3-ubyte.gz is not a valid IDX file: "))
            #expect(contents(of: directory) == [MNISTFile.testLabels.compressedName])
        }
    }
}

extension FetchTests {
    @Suite struct OverHTTP {
        @Test(needsMNIST) func fetchesOverHTTP() throws {
            let server = try LocalHTTPServer(serving: sharedMNIST)
            defer { server.stop() }
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let mirror = MNISTMirror.web(server.url)

            let events = try fetchReporting(Fetcher(directory: directory, mirrors: [mirror]), labels)
            #expect(
                events == [
                    .fetched(.trainingLabels, from: mirror, bytes: 28881),
                    .fetched(.testLabels, from: mirror, bytes: 4542),
                ])
            #expect(contents(of: directory) == ["t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"])
        }

        @Test func notFoundOnServer() throws {
            let served = Fixtures.temporaryDirectory("served")
            let directory = Fixtures.temporaryDirectory("fetch")
            defer {
                try? FileManager.default.removeItem(at: served)
                try? FileManager.default.removeItem(at: directory)
            }
            let server = try LocalHTTPServer(serving: served)
            defer { server.stop() }
            let mirror = MNISTMirror.web(server.url)

            var events: [FetchEvent] = []
            let error = #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: [mirror]).fetch([.testLabels]) { events.append($0) }
            }
            let reason = "http://127.0.0.1:\(server.port)/t10k-labels-idx1-ubyte.gz answered HTTP 404 (Not Found)"
            #expect(events == [.mirrorFailed(.testLabels, mirror: mirror, reason: reason)])
            #expect(error == .allMirrorsFailed(.testLabels, failures: [MirrorFailure(mirror: mirror, reason: reason)]))
            #expect(contents(of: directory).isEmpty)
        }

        /// A valid archive with the right name but other content is refused, and neither it nor
        /// a partial file stays in the data directory.
        @Test func checksumMismatchLeavesNothingBehind() throws {
            let served = Fixtures.temporaryDirectory("served")
            let directory = Fixtures.temporaryDirectory("fetch")
            defer {
                try? FileManager.default.removeItem(at: served)
                try? FileManager.default.removeItem(at: directory)
            }
            try impostor(of: .testLabels, in: served)
            let server = try LocalHTTPServer(serving: served)
            defer { server.stop() }
            let mirror = MNISTMirror.web(server.url)

            var events: [FetchEvent] = []
            #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: [mirror]).fetch([.testLabels]) { events.append($0) }
            }
            let actual = SHA256.hexDigest(Fixtures.idx(dimensions: [3], data: [1, 2, 3]))
            let reason =
                "t10k-labels-idx1-ubyte.gz has the wrong content: its SHA-256 is \(actual.prefix(16))…, expected ff7bcfd416de3373…"
            #expect(events == [.mirrorFailed(.testLabels, mirror: mirror, reason: reason)])
            #expect(contents(of: directory).isEmpty)
        }

        @Test(needsMNIST) func refusedConnectionFallsBackToNextMirror() throws {
            let refusing = SilentPort(listening: false)
            let server = try LocalHTTPServer(serving: sharedMNIST)
            defer { server.stop() }
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let dead = MNISTMirror.web(refusing.url)
            let alive = MNISTMirror.web(server.url)

            let events = try fetchReporting(Fetcher(directory: directory, mirrors: [dead, alive]), [.testLabels])
            #expect(events.count == 2)
            guard case let .mirrorFailed(.testLabels, mirror, reason)? = events.first else {
                Issue.record("expected the first mirror to fail, got \(events)")
                return
            }
            #expect(mirror == dead)
            #expect(reason.hasPrefix("cannot download http://127.0.0.1:\(refusing.port)/t10k-labels-idx1-ubyte.gz: "))
            #expect(events.last == .fetched(.testLabels, from: alive, bytes: 4542))
            #expect(contents(of: directory) == [MNISTFile.testLabels.compressedName])
        }

        /// A server that takes the connection but never answers costs the timeout, not a hang.
        @Test(needsMNIST) func silentServerTimesOut() throws {
            let silent = SilentPort(listening: true)
            let directory = Fixtures.temporaryDirectory("fetch")
            defer { try? FileManager.default.removeItem(at: directory) }
            let fetcher = Fetcher(
                directory: directory, mirrors: [.web(silent.url), .folder(sharedMNIST)], requestTimeout: 1)

            let start = Date()
            let events = try fetchReporting(fetcher, [.testLabels])
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(
                events == [
                    .mirrorFailed(
                        .testLabels, mirror: .web(silent.url),
                        reason:
                            "cannot download \(silent.url.absoluteString)t10k-labels-idx1-ubyte.gz: the server sent nothing for 1 s"
                    ),
                    .fetched(.testLabels, from: .folder(sharedMNIST), bytes: 4542),
                ])
        }

        @Test func allMirrorsFailingNamesFileAndEveryMirror() throws {
            let refusing = SilentPort(listening: false)
            let served = Fixtures.temporaryDirectory("served")
            let emptyFolder = Fixtures.temporaryDirectory("mirror")
            let directory = Fixtures.temporaryDirectory("fetch")
            defer {
                for folder in [served, emptyFolder, directory] { try? FileManager.default.removeItem(at: folder) }
            }
            let server = try LocalHTTPServer(serving: served)
            defer { server.stop() }
            let mirrors: [MNISTMirror] = [.web(refusing.url), .web(server.url), .folder(emptyFolder)]

            var events: [FetchEvent] = []
            let error = #expect(throws: FetchError.self) {
                try Fetcher(directory: directory, mirrors: mirrors).fetch([.trainingLabels]) { events.append($0) }
            }
            #expect(
                events.map { event -> MNISTMirror? in
                    guard case let .mirrorFailed(.trainingLabels, mirror, _) = event else { return nil }
                    return mirror
                } == mirrors)

            let lines = error?.description.split(separator: "\n").map(String.init) ?? []
            #expect(lines.count == 5)
            #expect(lines.first == "cannot fetch train-labels-idx1-ubyte.gz, every mirror failed:")
            #expect(
                lines.dropFirst().first?.hasPrefix(
                    "  - http://127.0.0.1:\(refusing.port)/: cannot download http://127.0.0.1:\(refusing.port)/train-labels-idx1-ubyte.gz: "
                ) == true)
            #expect(
                lines.dropFirst(2).first
                    == "  - http://127.0.0.1:\(server.port)/: http://127.0.0.1:\(server.port)/train-labels-idx1-ubyte.gz answered HTTP 404 (Not Found)"
            )
            #expect(
                lines.dropFirst(3).first
                    == "  - \(emptyFolder.path): \(emptyFolder.path)/train-labels-idx1-ubyte.gz does not exist")
            #expect(lines.last?.hasPrefix("Pass --mirror URL-or-folder (or set MNIST_MIRROR)") == true)
            #expect(contents(of: directory).isEmpty)
        }
    }
}
