import Foundation
import NeuralNet

/// A trained digit classifier as a file: the network's weights in the safetensors format
/// (loadable into PyTorch's `nn.Sequential` of `nn.Linear` and `nn.ReLU`, see
/// `MLP.tensors`), and in the header's metadata the normalization its inputs need plus
/// whatever the trainer recorded (settings, accuracies).
public struct ModelFile: Sendable {
    /// The trained network.
    public var network: MLP
    /// How image bytes become the network's inputs; a model only works with its own.
    public var normalization: Normalization
    /// The data set the network was trained on: what its classes are called and how a
    /// person's image is prepared for it. A file that does not say was trained on MNIST.
    public var dataSet: DataSet
    /// Every `__metadata__` entry, including the ones the file format itself uses (see `Key`).
    public var metadata: [String: String]

    /// The metadata keys `ModelFile` writes and reads itself; `save` sets them from the
    /// network and normalization, overriding whatever `metadata` says.
    public enum Key {
        /// What wrote the file: ``ModelFile/formatName``.
        public static let format = "format"
        /// The SwiftMNIST version that wrote the file.
        public static let version = "swiftmnist_version"
        /// The layer widths, such as `784-128-64-10`.
        public static let architecture = "architecture"
        /// The hidden activation, `relu`.
        public static let activation = "activation"
        /// The normalization's mean.
        public static let mean = "normalization_mean"
        /// The normalization's standard deviation.
        public static let standardDeviation = "normalization_std"
        /// The data set's `DataSet/name`, such as `fashion`; absent in files written before
        /// there was a choice, which were trained on MNIST.
        public static let dataSet = "dataset"
        /// The data set's class names as a JSON array of 10 strings.
        public static let classNames = "class_names"
    }

    /// The value of the `format` key.
    public static let formatName = "swiftmnist-mlp"
    /// A model takes one 28×28 image and scores the 10 digits.
    public static let inputCount = 28 * 28
    /// A model scores the 10 digits.
    public static let classCount = 10

    /// A model file for `network`, trained on `dataSet`'s images normalized by
    /// `normalization`, with `metadata` to record.
    public init(
        network: MLP, normalization: Normalization, dataSet: DataSet = .mnist, metadata: [String: String] = [:]
    ) {
        self.network = network
        self.normalization = normalization
        self.dataSet = dataSet
        self.metadata = metadata
    }

    /// `metadata` with the keys of `Key` set from the network, normalization and data set:
    /// what `save` writes.
    public var savedMetadata: [String: String] {
        var metadata = metadata
        metadata[Key.format] = Self.formatName
        metadata[Key.version] = SwiftMNIST.version
        metadata[Key.architecture] = network.architecture
        metadata[Key.activation] = "relu"
        metadata[Key.mean] = String(normalization.mean)
        metadata[Key.standardDeviation] = String(normalization.standardDeviation)
        metadata[Key.dataSet] = dataSet.name
        metadata[Key.classNames] = Self.classNamesText(dataSet.classNames)
        return metadata
    }

    /// The file's content: the network's tensors and `savedMetadata`.
    public var contents: SafeTensors {
        SafeTensors(tensors: network.tensors, metadata: savedMetadata)
    }

    /// Writes the model atomically (a temporary file renamed into place).
    public func save(to url: URL) throws(ModelFileError) {
        do {
            try contents.write(to: url)
        } catch {
            throw .file(error)
        }
    }

    /// Reads a model, checking the file, the network's shapes, that it takes 28×28 images
    /// and tells 10 classes, and that its normalization is usable.
    public static func load(from url: URL) throws(ModelFileError) -> ModelFile {
        let content: SafeTensors
        do {
            content = try SafeTensors(contentsOf: url)
        } catch {
            throw .file(error)
        }
        return try ModelFile(checking: content, path: url.path)
    }

    /// Parses a model file's bytes with the checks of `load(from:)`; `name` identifies them in
    /// errors.
    public init(parsing data: Data, name: String) throws(ModelFileError) {
        let content: SafeTensors
        do {
            content = try SafeTensors(parsing: data, name: name)
        } catch {
            throw .file(error)
        }
        self = try ModelFile(checking: content, path: name)
    }

    /// The model `content` holds, once its network and metadata pass every check.
    private init(checking content: SafeTensors, path: String) throws(ModelFileError) {
        let network: MLP
        do {
            network = try MLP(tensors: content.tensors)
        } catch {
            throw .notAModel(path, reason: error.description)
        }
        // A NaN or infinite weight would make every prediction NaN, silently.
        for (name, tensor) in content.tensors.sorted(by: { $0.key < $1.key })
        where tensor.floats?.allSatisfy(\.isFinite) == false {
            throw .notAModel(path, reason: "its tensor '\(name)' holds NaN or infinite values")
        }
        let metadata = content.metadata
        if let architecture = metadata[Key.architecture], architecture != network.architecture {
            throw .notAModel(
                path,
                reason: "its metadata says architecture \(architecture), but its tensors are \(network.architecture)")
        }
        if let activation = metadata[Key.activation], activation != "relu" {
            throw .notAModel(path, reason: "its activation is '\(activation)'; only relu is supported")
        }
        guard network.inputCount == Self.inputCount else {
            throw .notAModel(
                path,
                reason:
                    "the network takes \(network.inputCount) inputs, but an MNIST image has \(Self.inputCount) pixels")
        }
        guard network.classCount == Self.classCount else {
            throw .notAModel(
                path,
                reason: "the network has \(network.classCount) outputs, but there are \(Self.classCount) digit classes")
        }
        let normalization = try Self.normalization(in: metadata, path: path)
        let dataSet = try Self.dataSet(in: metadata, normalization: normalization, path: path)
        self.init(network: network, normalization: normalization, dataSet: dataSet, metadata: metadata)
    }

    private static func normalization(in metadata: [String: String], path: String) throws(ModelFileError)
        -> Normalization
    {
        func number(_ key: String) throws(ModelFileError) -> Float {
            guard let text = metadata[key] else {
                throw .notAModel(path, reason: "its metadata has no \(key), so its input normalization is unknown")
            }
            guard let value = Float(text), value.isFinite else {
                throw .notAModel(path, reason: "its metadata's \(key) '\(text)' is not a finite number")
            }
            return value
        }
        let mean = try number(Key.mean)
        let standardDeviation = try number(Key.standardDeviation)
        guard standardDeviation > 0 else {
            throw .notAModel(
                path, reason: "its metadata's \(Key.standardDeviation) is \(standardDeviation), but it must be positive"
            )
        }
        let normalization = Normalization(mean: mean, standardDeviation: standardDeviation)
        let extremes = [normalization(0), normalization(255), normalization.byteScale, normalization.byteOffset]
        guard extremes.allSatisfy(\.isFinite) else {
            throw .notAModel(
                path,
                reason:
                    "its normalization (mean \(mean), standard deviation \(standardDeviation)) turns pixels into infinite inputs"
            )
        }
        return normalization
    }
}

/// Why a model file cannot be read or written.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    /// The file is unreadable, unwritable or not valid safetensors.
    case file(SafeTensorsError)
    /// A valid safetensors file that does not hold a model this program can use.
    case notAModel(String, reason: String)

    public var description: String {
        switch self {
        case let .file(error): error.description
        case let .notAModel(path, reason): "\(path) is not a usable digit model: \(reason)."
        }
    }
}
