#if ONNX  // the package trait that builds this module (Package.swift)
import Foundation
import MNIST
import NeuralNet

/// A trained digit model as an ONNX model, which onnxruntime (on servers, phones and in the
/// browser), Netron and other runtimes read.
///
/// The graph takes `pixels` `[N, 784]`, float32 values in [0, 1] (28×28 images flattened row
/// by row, `byte / 255`), applies the model's own normalization (`Sub`, `Div`), then one
/// `Gemm` per layer with a `Relu` after each hidden one, and gives `logits` `[N, 10]` and
/// `probabilities` (`Softmax` on axis 1). `N` is dynamic. The metadata a model file holds
/// (architecture, normalization, test accuracy, training settings; `ModelFile.savedMetadata`)
/// becomes the ONNX `metadata_props`.
public struct ONNXModel {
    /// The ONNX opset the graph uses (its operators' versions) and the IR version that goes
    /// with it: opset 13 is the oldest with today's single-axis `Softmax`, and every current
    /// runtime reads it.
    public static let opsetVersion = 13
    public static let irVersion = 7
    /// The names of the graph's input and outputs.
    public static let inputName = "pixels"
    public static let logitsName = "logits"
    public static let probabilitiesName = "probabilities"
    /// The `producer_name` the files carry, with `SwiftMNIST.version` as `producer_version`.
    public static let producerName = "SwiftMNIST"

    private let proto: Onnx_ModelProto

    /// The ONNX model of `model`'s network, normalization and metadata.
    public init(_ model: ModelFile) {
        var proto = Onnx_ModelProto()
        proto.irVersion = Int64(Self.irVersion)
        proto.opsetImport = [
            .with {
                $0.domain = ""
                $0.version = Int64(Self.opsetVersion)
            }
        ]
        proto.producerName = Self.producerName
        proto.producerVersion = SwiftMNIST.version
        proto.docString = """
            A \(model.network.architecture) multilayer perceptron trained on \(model.dataSet.title) by SwiftMNIST. \
            Input `pixels`: float32 [N, 784], 28×28 images flattened row by row, values in [0, 1] \
            (white ink on black, as in \(model.dataSet.title)). Outputs: `logits` and `probabilities`, [N, 10]\
            \(model.dataSet.isDigits ? "" : ", in the order of the class names in the metadata's class_names").
            """
        proto.graph = Onnx_GraphProto(network: model.network, normalization: model.normalization)
        proto.metadataProps = model.savedMetadata.sorted { $0.key < $1.key }.map { entry in
            .with { ($0.key, $0.value) = (entry.key, entry.value) }
        }
        self.proto = proto
    }

    /// The model in the ONNX file format (a protobuf `ModelProto`).
    public func serializedData() throws(ONNXExportError) -> Data {
        do {
            return try proto.serializedData()
        } catch {
            throw .encoding(String(describing: error))
        }
    }

    /// Writes the model to `url` atomically (a temporary file beside it, then a rename), so
    /// that `url` never holds half a model. Returns the file's size in bytes.
    @discardableResult
    public func write(to url: URL) throws(ONNXExportError) -> Int {
        let data = try serializedData()
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw .unwritable(url.path, reason: (error as NSError).localizedDescription)
        }
        return data.count
    }
}
#endif
