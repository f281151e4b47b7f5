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

    /// The model in the ONNX file format: a protobuf `ModelProto`.
    public let serializedData: Data

    /// The ONNX model of `model`'s network, normalization and metadata.
    public init(_ model: ModelFile) {
        let description = """
            A \(model.network.architecture) multilayer perceptron trained on \(model.dataSet.title) by SwiftMNIST. \
            Input `pixels`: float32 [N, 784], 28×28 images flattened row by row, values in [0, 1] \
            (white ink on black, as in \(model.dataSet.title)). Outputs: `logits` and `probabilities`, [N, 10]\
            \(model.dataSet.isDigits ? "" : ", in the order of the class names in the metadata's class_names").
            """
        let graph = ONNXGraph(network: model.network, normalization: model.normalization)
        // A ModelProto's fields (onnx/onnx.proto), in field-number order.
        var proto = ProtobufWriter()
        proto.integer(1, Self.irVersion)  // ir_version
        proto.string(2, Self.producerName)  // producer_name
        proto.string(3, SwiftMNIST.version)  // producer_version
        proto.string(6, description)  // doc_string
        proto.message(7, graph.write)  // graph
        proto.message(8) { operatorSet in  // opset_import, an OperatorSetIdProto
            operatorSet.string(1, "")  // domain: the default, ai.onnx
            operatorSet.integer(2, Self.opsetVersion)  // version
        }
        for (key, value) in model.savedMetadata.sorted(by: { $0.key < $1.key }) {
            proto.message(14) { entry in  // metadata_props, a StringStringEntryProto
                entry.string(1, key)  // key
                entry.string(2, value)  // value
            }
        }
        serializedData = Data(proto.bytes)
    }

    /// Writes the model to `url` atomically (a temporary file beside it, then a rename), so
    /// that `url` never holds half a model. Returns the file's size in bytes.
    @discardableResult
    public func write(to url: URL) throws(ONNXExportError) -> Int {
        do {
            try serializedData.write(to: url, options: .atomic)
        } catch {
            throw .unwritable(url.path, reason: (error as NSError).localizedDescription)
        }
        return serializedData.count
    }
}
