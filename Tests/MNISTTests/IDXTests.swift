import Foundation
import MNIST
import TestSupport
import Testing

@Suite struct IDXTests {
    @Test func parsesAValidArray() throws {
        let array = try IDXArray(parsing: Fixtures.idx(dimensions: [2, 3], data: [1, 2, 3, 4, 5, 6]), name: "x")
        #expect(array.dimensions == [2, 3])
        #expect(array.bytes == [1, 2, 3, 4, 5, 6])
    }

    /// Each malformed header or payload, with a phrase its error message must contain.
    static let malformed: [(String, Data, String)] = [
        ("empty", Data(), "too short"),
        ("wrong magic", Data([1, 0, 8, 1, 0, 0, 0, 1, 5]), "magic number"),
        ("float elements", Data([0, 0, 0x0D, 1, 0, 0, 0, 1, 5, 5, 5, 5]), "element type 0x0d"),
        ("no dimensions", Data([0, 0, 8, 0]), "0 dimensions"),
        ("truncated header", Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0]), "header is truncated"),
        ("truncated data", Fixtures.idx(dimensions: [2, 2], data: [1, 2, 3]), "truncated"),
        ("trailing data", Fixtures.idx(dimensions: [1, 2], data: [1, 2, 3]), "longer than its header says"),
        ("absurd size", Fixtures.idx(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF], data: []), "impossibly large"),
    ]

    @Test(arguments: 0..<malformed.count)
    func rejectsMalformedFiles(index: Int) {
        let (label, data, phrase) = Self.malformed[index]
        #expect(throws: DataError.self, "\(label)") {
            try IDXArray(parsing: data, name: "bad.idx")
        }
        do {
            _ = try IDXArray(parsing: data, name: "bad.idx")
        } catch {
            #expect(error.description.contains("bad.idx"), "\(label): \(error)")
            #expect(error.description.contains(phrase), "\(label): \(error)")
        }
    }
}

@Suite struct GzipTests {
    let payload = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 13) })

    @Test func roundTripsThroughSystemGzip() throws {
        let compressed = try Fixtures.gzip(payload)
        #expect(Gzip.isCompressed(compressed))
        #expect(try Gzip.decompress(compressed, name: "x.gz") == payload)
    }

    @Test func joinsConcatenatedMembers() throws {
        let compressed = try Fixtures.gzip(payload) + Fixtures.gzip(Data([1, 2, 3]))
        #expect(try Gzip.decompress(compressed, name: "x.gz") == payload + Data([1, 2, 3]))
    }

    @Test func reportsTruncation() throws {
        let compressed = try Fixtures.gzip(payload)
        for cut in [compressed.count - 1, compressed.count - 8, compressed.count / 2, 12] {
            #expect(throws: DataError.self) { try Gzip.decompress(compressed.prefix(cut), name: "x.gz") }
            do {
                _ = try Gzip.decompress(compressed.prefix(cut), name: "x.gz")
            } catch {
                #expect(error.description.contains("x.gz"))
            }
        }
    }

    @Test func reportsCorruption() throws {
        var compressed = try Fixtures.gzip(payload)
        for offset in stride(from: 20, to: compressed.count - 8, by: 97) { compressed[offset] ^= 0x5A }
        do {
            _ = try Gzip.decompress(compressed, name: "x.gz")
            Issue.record("corrupt data decompressed without an error")
        } catch {
            #expect(error.description.contains("not a valid gzip file"))
        }
    }

    @Test func reportsTrailingGarbage() throws {
        let compressed = try Fixtures.gzip(payload) + Data([0x00, 0x42])
        #expect(throws: DataError.corruptGzip("x.gz", reason: "2 bytes of trailing garbage after the gzip data")) {
            try Gzip.decompress(compressed, name: "x.gz")
        }
    }
}

@Suite struct LabelledImagesTests {
    /// Writes an image file and a label file into a new folder, gzip-compressed or raw.
    func write(images: Data, labels: Data, compressed: Bool) throws -> (URL, URL) {
        let folder = Fixtures.temporaryDirectory("images")
        let suffix = compressed ? ".gz" : ""
        let imageURL = folder.appendingPathComponent("train-images-idx3-ubyte" + suffix)
        let labelURL = folder.appendingPathComponent("train-labels-idx1-ubyte" + suffix)
        try (compressed ? Fixtures.gzip(images) : images).write(to: imageURL)
        try (compressed ? Fixtures.gzip(labels) : labels).write(to: labelURL)
        return (imageURL, labelURL)
    }

    func images(count: Int, side: Int = 28) -> Data {
        Fixtures.idx(dimensions: [count, side, side], data: (0..<count * side * side).map { UInt8($0 % 256) })
    }

    @Test(arguments: [true, false])
    func readsGoodFiles(compressed: Bool) throws {
        let (imageURL, labelURL) = try write(
            images: images(count: 3), labels: Fixtures.idx(dimensions: [3], data: [7, 0, 9]), compressed: compressed)
        let set = try LabelledImages(images: imageURL, labels: labelURL)
        #expect(set.count == 3)
        #expect(set.labels == [7, 0, 9])
        #expect(set.pixels.count == 3 * 784)
        #expect(set.pixels[785] == UInt8(785 % 256))
    }

    @Test func rejectsWrongImageSize() throws {
        let (imageURL, labelURL) = try write(
            images: images(count: 2, side: 32), labels: Fixtures.idx(dimensions: [2], data: [1, 2]), compressed: true)
        #expect(
            throws: DataError.wrongShape("train-images-idx3-ubyte.gz", expected: "28×28 images", found: "32×32 images")
        ) {
            try LabelledImages(images: imageURL, labels: labelURL)
        }
    }

    @Test func rejectsMismatchedCounts() throws {
        let (imageURL, labelURL) = try write(
            images: images(count: 3), labels: Fixtures.idx(dimensions: [2], data: [1, 2]), compressed: false)
        #expect(
            throws: DataError.countMismatch(
                images: 3, labels: 2, imageFile: "train-images-idx3-ubyte", labelFile: "train-labels-idx1-ubyte")
        ) {
            try LabelledImages(images: imageURL, labels: labelURL)
        }
    }

    @Test func rejectsLabelsOutsideZeroToNine() throws {
        let (imageURL, labelURL) = try write(
            images: images(count: 2), labels: Fixtures.idx(dimensions: [2], data: [1, 12]), compressed: false)
        #expect(throws: DataError.invalidLabel("train-labels-idx1-ubyte", index: 1, value: 12)) {
            try LabelledImages(images: imageURL, labels: labelURL)
        }
    }

    @Test func rejectsLabelsGivenAsImages() throws {
        let (imageURL, labelURL) = try write(images: images(count: 2), labels: images(count: 2), compressed: false)
        #expect(throws: DataError.self) { try LabelledImages(images: imageURL, labels: labelURL) }
    }

    @Test func reportsMissingDirectoryAndFiles() throws {
        let missing = MNISTDirectory(URL(fileURLWithPath: "/nonexistent/mnist"))
        #expect(throws: DataError.missingDirectory("/nonexistent/mnist")) { try missing.trainingSet() }
        let empty = MNISTDirectory(Fixtures.temporaryDirectory("empty"))
        #expect(throws: DataError.missingFile("t10k-images-idx3-ubyte.gz", directory: empty.url.path)) {
            try empty.testSet()
        }
    }

    @Test func splitsOffTheLastImagesForValidation() throws {
        let set = LabelledImages(height: 1, width: 2, pixels: [1, 1, 2, 2, 3, 3, 4, 4], labels: [1, 2, 3, 4])
        let (training, validation) = set.split(validationCount: 1)
        #expect(training.labels == [1, 2, 3])
        #expect(validation.labels == [4])
        #expect(validation.pixels == [4, 4])
    }

    @Test func readsTheRealMNISTTestSet() throws {
        guard let mirror = Fixtures.sharedMNIST else {
            print("skipping: ../shared/mnist is not beside the checkout")
            return
        }
        let test = try MNISTDirectory(mirror).testSet()
        #expect(test.count == 10_000)
        #expect(test.labels.prefix(5) == [7, 2, 1, 0, 4])
    }
}

@Suite struct NormalizationTests {
    @Test func scalesThenStandardizes() {
        let normalization = Normalization.mnist
        #expect(abs(normalization(0) - (-0.1307 / 0.3081)) < 1e-6)
        #expect(abs(normalization(255) - (1 - 0.1307) / 0.3081) < 1e-6)
    }

    @Test func gathersBatchesInTheGivenOrder() {
        let set = LabelledImages(height: 1, width: 2, pixels: [0, 255, 51, 102, 204, 0], labels: [3, 5, 8])
        let data = NormalizedImages(set, normalization: Normalization(mean: 0, standardDeviation: 1))
        var features = [Float](repeating: -1, count: 4)
        var labels = [Int32](repeating: -1, count: 2)
        [2, 0].withUnsafeBufferPointer { data.fill(batch: $0, features: &features, labels: &labels) }
        #expect(zip(features, [0.8, 0, 0, 1]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(features)")
        #expect(labels == [8, 3])
    }
}
