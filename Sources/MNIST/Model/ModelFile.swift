import Foundation
import NeuralNet

/// A trained digit classifier as a file: the network's weights in the safetensors format
/// (loadable into PyTorch's `nn.Sequential` of `nn.Linear` and `nn.ReLU`, see
/// `MLP.tensors`), and in the header's metadata the normalization its inputs need plus
/// whatever the trainer recorded (settings, accuracies).
public struct ModelFile: Sendable {
    public var network: MLP
    /// How image bytes become the network's inputs; a model only works with its own.
    public var normalization: Normalization
    /// Every `__metadata__` entry, including the ones the file format itself uses (see `Key`).
    public var metadata: [String: String]

    /// The metadata keys `ModelFile` writes and reads itself; `save` sets them from the
    /// network and normalization, overriding whatever `metadata` says.
    public enum Key {
        public static let format = "format"
        public static let version = "swiftmnist_version"
        public static let architecture = "architecture"
        public static let activation = "activation"
        public static let mean = "normalization_mean"
        public static let standardDeviation = "normalization_std"
    }

    /// The value of the `format` key.
    public static let formatName = "swiftmnist-mlp"
    /// A model takes one 28×28 image and scores the 10 digits.
    public static let inputCount = 28 * 28
    public static let classCount = 10

    public init(network: MLP, normalization: Normalization, metadata: [String: String] = [:]) {
        self.network = network
        self.normalization = normalization
        self.metadata = metadata
    }

    /// Writes the model atomically (a temporary file renamed into place).
    public func save(to url: URL) throws(ModelFileError) {
        do {
            try safeTensors.write(to: url)
        } catch {
            throw .file(error)
        }
    }

    /// The model as the safetensors content `save` writes, its format keys set.
    public var safeTensors: SafeTensors {
        var metadata = metadata
        metadata[Key.format] = Self.formatName
        metadata[Key.version] = SwiftMNIST.version
        metadata[Key.architecture] = network.architecture
        metadata[Key.activation] = "relu"
        metadata[Key.mean] = String(normalization.mean)
        metadata[Key.standardDeviation] = String(normalization.standardDeviation)
        return SafeTensors(tensors: network.tensors, metadata: metadata)
    }

    /// Reads a model, checking the file, the network's shapes, that it takes 28×28 images
    /// and tells 10 classes, and that its normalization is usable.
    public static func load(from url: URL) throws(ModelFileError) -> ModelFile {
        let path = url.path
        let content: SafeTensors
        do {
            content = try SafeTensors(contentsOf: url)
        } catch {
            throw .file(error)
        }
        let network: MLP
        do {
            network = try MLP(tensors: content.tensors)
        } catch {
            throw .notAModel(path, reason: error.description)
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
        return ModelFile(network: network, normalization: normalization, metadata: metadata)
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
        return Normalization(mean: mean, standardDeviation: standardDeviation)
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
