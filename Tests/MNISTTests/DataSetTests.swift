import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

private let needsFashion = Testing.ConditionTrait.enabled(
    if: Fixtures.fashionMNIST != nil,
    "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist)")

/// Runs a fetch and returns what it reported for each file, or the error.
private func fetch(_ fetcher: Fetcher) -> Result<[FetchEvent], FetchError> {
    var events: [FetchEvent] = []
    do {
        try fetcher.fetch { events.append($0) }
        return .success(events)
    } catch {
        return .failure(error)
    }
}

/// `DataSet`: the built-in data sets, fetching them and checking their files, and the model
/// file's record of the data set.
@Suite struct DataSetTests {
    @Test func builtInDataSetsByName() {
        #expect(DataSet.builtIn.map(\.name) == ["mnist", "fashion", "kmnist"])
        #expect(DataSet.named("fashion")?.title == "Fashion-MNIST")
        #expect(DataSet.named("kmnist")?.classNames.first == "o")
        #expect(DataSet.named("emnist") == nil)
        #expect(DataSet.mnist.isDigits && !DataSet.fashion.isDigits && !DataSet.kmnist.isDigits)
        #expect(DataSet.fashion.classNames[7] == "Sneaker")
        #expect(DataSet.fashion.imagePreparation == .productPhoto)
        #expect(DataSet.kmnist.imagePreparation == .handwriting)
    }

    /// MNIST stays exactly what it was before there were data sets.
    @Test func mnistKeepsItsChecksumsMirrorsAndNormalization() {
        for file in MNISTFile.allCases { #expect(DataSet.mnist.checksums[file] == .content(file.sha256)) }
        #expect(DataSet.mnist.mirrors == MNISTMirror.defaults)
        #expect(DataSet.mnist.normalization == .mnist)
        #expect(DataSet.mnist.fileNames == MNISTFile.allCases.map(\.compressedName))
    }

    /// The checksums in the code are those of Debian's files, and the mean and standard
    /// deviation those of its training pixels.
    @Test(needsFashion) func fetchesFashionFromDebiansCopyAndItsNormalizationIsItsOwn() throws {
        let directory = Fixtures.temporaryDirectory("fashion")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mirror = MNISTMirror.folder(Fixtures.fashionMNIST!)
        let fetcher = Fetcher(directory: directory, mirrors: [mirror], checksums: DataSet.fashion.checksums)
        let events = try fetch(fetcher).get()
        #expect(events.count == 4)
        for event in events {
            guard case .fetched = event else {
                Issue.record("not fetched: \(event)")
                continue
            }
        }

        let training = try MNISTDirectory(directory).trainingSet()
        // The mean and variance of the 47 million pixels from how often each byte value occurs.
        var occurrences = [Int](repeating: 0, count: 256)
        occurrences.withUnsafeMutableBufferPointer { counts in
            training.pixels.withUnsafeBufferPointer { pixels in
                for pixel in pixels { counts[Int(pixel)] += 1 }
            }
        }
        let total = Double(training.pixels.count)
        let mean = occurrences.indices.reduce(0.0) { $0 + Double(occurrences[$1] * $1) / 255 } / total
        let variance =
            occurrences.indices.reduce(0.0) { sum, value in
                let deviation = Double(value) / 255 - mean
                return sum + Double(occurrences[value]) * deviation * deviation
            } / total
        #expect(abs(Float(mean) - DataSet.fashion.normalization.mean) < 0.0001)
        #expect(abs(Float(variance.squareRoot()) - DataSet.fashion.normalization.standardDeviation) < 0.0001)
        #expect(MNISTDirectory(directory).identifiedDataSet() == .fashion)
    }

    /// Fashion-MNIST's files are not MNIST's: fetching them as MNIST names the first file that
    /// does not match.
    @Test(needsFashion) func aMirrorOfAnotherDataSetIsRefusedNamingTheFile() throws {
        let directory = Fixtures.temporaryDirectory("fashion-as-mnist")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fetcher = Fetcher(directory: directory, mirrors: [.folder(Fixtures.fashionMNIST!)])
        guard case let .failure(error) = fetch(fetcher) else {
            Issue.record("Fashion-MNIST passed as MNIST")
            return
        }
        #expect(error.description.contains("cannot fetch train-images-idx3-ubyte.gz"))
        #expect(error.description.contains("train-images-idx3-ubyte.gz has the wrong content: its SHA-256 is "))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) == [])
    }

    /// A failed fetch of another data set names that data set, and only the flag that helps
    /// (MNIST_MIRROR is MNIST's alone).
    @Test func aFailedFetchNamesItsDataSet() throws {
        let (directory, empty) = (Fixtures.temporaryDirectory("kmnist"), Fixtures.temporaryDirectory("empty-mirror"))
        defer { for folder in [directory, empty] { try? FileManager.default.removeItem(at: folder) } }
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let fetcher = Fetcher(
            directory: directory, mirrors: [.folder(empty)], checksums: DataSet.kmnist.checksums,
            dataSetTitle: DataSet.kmnist.title)
        guard case let .failure(error) = fetch(fetcher) else {
            Issue.record("an empty mirror provided the files")
            return
        }
        guard case let .allMirrorsFailed(.trainingImages, _, dataSet) = error else {
            Issue.record("expected allMirrorsFailed for the first file, got \(error)")
            return
        }
        #expect(dataSet == "Kuzushiji-MNIST")
        #expect(
            error.description.hasSuffix(
                "\nPass --mirror URL-or-folder to use a mirror that has the Kuzushiji-MNIST files, for example a folder holding the four .gz files."
            ))
        let noMirror = Fetcher(directory: directory, mirrors: [], dataSetTitle: DataSet.fashion.title)
        guard case let .failure(error) = fetch(noMirror) else {
            Issue.record("fetched without a mirror")
            return
        }
        #expect(
            error.description
                == "cannot fetch train-images-idx3-ubyte.gz: no mirror was given. Pass --mirror URL-or-folder to say where the Fashion-MNIST files are."
        )
    }

    /// A mirror of small IDX files whose checksums the test supplies, of both kinds: the
    /// content's (MNIST, Fashion-MNIST) and the archive's (Kuzushiji-MNIST).
    @Test func fetchesAgainstInjectedContentAndArchiveChecksums() throws {
        let mirror = Fixtures.temporaryDirectory("kmnist-mirror")
        defer { try? FileManager.default.removeItem(at: mirror) }
        var contentChecksums: [MNISTFile: FileChecksum] = [:]
        var archiveChecksums: [MNISTFile: FileChecksum] = [:]
        for (file, count) in [
            (MNISTFile.trainingImages, 12), (.trainingLabels, 12), (.testImages, 4), (.testLabels, 4),
        ] {
            let content =
                file == .trainingImages || file == .testImages
                ? Fixtures.idx(dimensions: [count, 28, 28], data: (0..<count * 784).map { UInt8($0 % 251) })
                : Fixtures.idx(dimensions: [count], data: (0..<count).map { UInt8($0 % 10) })
            let archive = try Fixtures.gzip(content)
            try archive.write(to: mirror.appendingPathComponent(file.compressedName))
            contentChecksums[file] = .content(SHA256.hexDigest(content))
            archiveChecksums[file] = .archive(SHA256.hexDigest(archive))
        }

        for checksums in [contentChecksums, archiveChecksums] {
            let directory = Fixtures.temporaryDirectory("kmnist")
            defer { try? FileManager.default.removeItem(at: directory) }
            let fetcher = Fetcher(directory: directory, mirrors: [.folder(mirror)], checksums: checksums)
            #expect(try fetch(fetcher).get().count == 4)
            #expect(try MNISTDirectory(directory).testSet().count == 4)
        }

        // A recompressed archive (here with the file's name in its header) keeps its content
        // checksum but not its archive checksum.
        let raw = mirror.appendingPathComponent(MNISTFile.testLabels.rawValue)
        try Fixtures.idx(dimensions: [4], data: [0, 1, 2, 3]).write(to: raw)
        try Fixtures.run("/bin/gzip", ["-f", raw.path])
        let directory = Fixtures.temporaryDirectory("kmnist-recompressed")
        defer { try? FileManager.default.removeItem(at: directory) }
        let recompressed = Fetcher(directory: directory, mirrors: [.folder(mirror)], checksums: archiveChecksums)
        guard case let .failure(error) = fetch(recompressed) else {
            Issue.record("a recompressed archive passed")
            return
        }
        #expect(error.description.contains("t10k-labels-idx1-ubyte.gz is not the published archive: its SHA-256 is "))
        #expect(
            try fetch(Fetcher(directory: directory, mirrors: [.folder(mirror)], checksums: contentChecksums)).get()
                .count == 4)
    }
}

extension DataSetTests {
    /// The model file records the data set; a file from before data sets loads as MNIST.
    @Suite struct InModelFiles {
        static let network = TestNetworks.random(sizes: [784, 8, 10], seed: 3)

        @Test func aModelFileRecordsItsDataSet() throws {
            let url = Fixtures.temporaryDirectory("model").appendingPathComponent("fashion.safetensors")
            try ModelFile(network: Self.network, normalization: DataSet.fashion.normalization, dataSet: .fashion)
                .save(to: url)
            let loaded = try ModelFile.load(from: url)
            #expect(loaded.dataSet == .fashion)
            #expect(loaded.metadata["dataset"] == "fashion")
            #expect(
                loaded.metadata["class_names"]
                    == #"["T-shirt/top","Trouser","Pullover","Dress","Coat","Sandal","Shirt","Sneaker","Bag","Ankle boot"]"#
            )
            #expect(loaded.normalization == Normalization(mean: 0.2860, standardDeviation: 0.3530))
        }

        @Test func aFileWithoutDataSetKeysIsMNIST() throws {
            let content = SafeTensors(
                tensors: Self.network.tensors,
                metadata: ["normalization_mean": "0.1307", "normalization_std": "0.3081"])
            let loaded = try ModelFile(parsing: content.encoded(), name: "old.safetensors")
            #expect(loaded.dataSet == .mnist)
            #expect(loaded.savedMetadata["dataset"] == "mnist")
            #expect(loaded.savedMetadata["class_names"] == #"["0","1","2","3","4","5","6","7","8","9"]"#)
        }

        @Test func anUnknownDataSetKeepsItsNameAndClassNames() throws {
            let names = (0..<10).map { "letter \($0)" }
            let content = SafeTensors(
                tensors: Self.network.tensors,
                metadata: [
                    "normalization_mean": "0.5", "normalization_std": "0.25", "dataset": "letters",
                    "class_names": String(decoding: try JSONEncoder().encode(names), as: UTF8.self),
                ])
            let loaded = try ModelFile(parsing: content.encoded(), name: "letters.safetensors")
            #expect(loaded.dataSet.name == "letters" && loaded.dataSet.classNames == names)
            #expect(loaded.dataSet.normalization == Normalization(mean: 0.5, standardDeviation: 0.25))
            #expect(loaded.dataSet.mirrors.isEmpty && loaded.dataSet.checksums.isEmpty)
        }

        @Test(arguments: [#"["a","b"]"#, "not json", #"[1,2,3,4,5,6,7,8,9,10]"#])
        func classNamesThatAreNotTenNamesAreRefused(text: String) throws {
            let content = SafeTensors(
                tensors: Self.network.tensors,
                metadata: ["normalization_mean": "0.1307", "normalization_std": "0.3081", "class_names": text])
            let error = #expect(throws: ModelFileError.self) {
                try ModelFile(parsing: content.encoded(), name: "m.safetensors")
            }
            #expect(
                error?.description
                    == "m.safetensors is not a usable digit model: its metadata's class_names is not a JSON array of 10 names."
            )
        }
    }
}
