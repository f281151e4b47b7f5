/// A data set of 28×28 grayscale images in 10 classes, kept in MNIST's four IDX files under
/// MNIST's names (`MNISTFile`): where to fetch it, how to check it, what its classes are
/// called, how its pixels are normalized and how a person's image is prepared to look like
/// one of its images. `mnist`, `fashion` and `kmnist` are built in (`builtIn`); a model file
/// records which one it was trained on.
public struct DataSet: Sendable, Equatable {
    /// The short name that `--dataset` takes and a model file records, such as `fashion`.
    public var name: String
    /// The name people know it by, such as `Fashion-MNIST`.
    public var title: String
    /// What each label means, indexed by label: `0`…`9` for the digits, `T-shirt/top`… for Fashion-MNIST.
    public var classNames: [String]
    /// The checksum of each of the four files; a file without one is only checked to parse as IDX.
    public var checksums: [MNISTFile: FileChecksum]
    /// Where `mnist fetch` looks for the files when no mirror is given, in order.
    public var mirrors: [MNISTMirror]
    /// The mean and standard deviation of its training pixels, the default input normalization.
    public var normalization: Normalization
    /// How a person's image is made to look like one of its images.
    public var imagePreparation: ImagePreparation
    /// How far `--augment` may distort its training images and still show the same class.
    public var distortions: DistortionRanges

    /// A data set with the given properties; `classNames` must name 10 classes.
    public init(
        name: String, title: String, classNames: [String], checksums: [MNISTFile: FileChecksum],
        mirrors: [MNISTMirror], normalization: Normalization, imagePreparation: ImagePreparation,
        distortions: DistortionRanges = .standard
    ) {
        precondition(classNames.count == 10, "a data set of MNIST's files has 10 classes")
        self.name = name
        self.title = title
        self.classNames = classNames
        self.checksums = checksums
        self.mirrors = mirrors
        self.normalization = normalization
        self.imagePreparation = imagePreparation
        self.distortions = distortions
    }

    /// The compressed names of its four files, as on the mirrors and in the data directory:
    /// MNIST's names, which Fashion-MNIST and Kuzushiji-MNIST kept so that they drop in.
    public var fileNames: [String] { MNISTFile.allCases.map(\.compressedName) }

    /// Whether the classes are the digits 0 to 9, named by themselves.
    public var isDigits: Bool { classNames == (0..<10).map(String.init) }

    /// What one class is called in headings and sentences: `digit`, or `class`.
    public var classNoun: String { isDigits ? "digit" : "class" }

    /// Class `label` as tables and charts show it: a digit by itself (`7`), any other class by
    /// its label and name (`7 Sneaker`).
    public func classLabel(_ label: Int) -> String { isDigits ? String(label) : "\(label) \(classNames[label])" }

    /// The built-in data sets, MNIST first.
    public static let builtIn: [DataSet] = [.mnist, .fashion, .kmnist]

    /// The built-in data set called `name`, or nil.
    public static func named(_ name: String) -> DataSet? {
        builtIn.first { $0.name == name }
    }
}
