/// The four files of an MNIST-style data set, by their standard names.
public enum MNISTFile: String, CaseIterable, Sendable {
    /// The training images, `train-images-idx3-ubyte`: 60,000 images of 28×28 bytes.
    case trainingImages = "train-images-idx3-ubyte"
    /// The training labels, `train-labels-idx1-ubyte`: one byte, 0-9, per training image.
    case trainingLabels = "train-labels-idx1-ubyte"
    /// The test images, `t10k-images-idx3-ubyte`: 10,000 images of 28×28 bytes.
    case testImages = "t10k-images-idx3-ubyte"
    /// The test labels, `t10k-labels-idx1-ubyte`: one byte, 0-9, per test image.
    case testLabels = "t10k-labels-idx1-ubyte"

    /// The name on the mirrors and in the data directory: the IDX name plus `.gz`.
    public var compressedName: String { rawValue + ".gz" }

    /// SHA-256 of the decompressed file of the original MNIST distribution (LeCun, Cortes
    /// and Burges). Mirrors recompress, so the archive bytes may differ; the content may not.
    public var sha256: String {
        switch self {
        case .trainingImages: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
        case .trainingLabels: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
        case .testImages: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
        case .testLabels: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
        }
    }
}
