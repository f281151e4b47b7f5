import Foundation
import MNIST
import NeuralNet
import TestSupport

/// A small stand-in for MNIST: valid IDX archives with the MNIST names and random content (so
/// `fetch` needs `--no-verify`), each image noise with a bright row that its label picks, so
/// that a network can learn them. Quick to load, and large enough that writing takes a while.
enum SyntheticMNIST {
    /// Writes a data (or mirror) folder of the four archives (3,000 training and 1,000 test
    /// images, about 3 MB compressed); returns the archives' bytes.
    static func write(to folder: URL) throws -> [MNISTFile: Data] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = RandomGenerator(seed: 5)
        var archives: [MNISTFile: Data] = [:]
        for (images, labels, count) in [
            (MNISTFile.trainingImages, MNISTFile.trainingLabels, 3000), (.testImages, .testLabels, 1000),
        ] {
            let labelBytes = (0..<count).map { _ in UInt8(generator.next() % 10) }
            var pixels = (0..<count * 784).map { _ in UInt8(generator.next() % 100) }
            for (index, label) in labelBytes.enumerated() {
                let row = index * 784 + Int(label) * 2 * 28 + 28
                pixels.replaceSubrange(row..<row + 28, with: repeatElement(255, count: 28))
            }
            for (file, content) in [
                (images, Fixtures.idx(dimensions: [count, 28, 28], data: pixels)),
                (labels, Fixtures.idx(dimensions: [count], data: labelBytes)),
            ] {
                let archive = try Fixtures.gzip(content)
                try archive.write(to: folder.appendingPathComponent(file.compressedName))
                archives[file] = archive
            }
        }
        return archives
    }
}
