#if ONNX  // the package trait that builds this module (Package.swift)
import NeuralNet

// Short constructors for the few kinds of protobuf messages an MLP graph is made of.

extension Onnx_NodeProto {
    /// A node of the default (`ai.onnx`) domain, named after its one output.
    static func `operator`(
        _ type: String, _ inputs: [String], output: String, attributes: [Onnx_AttributeProto] = []
    ) -> Onnx_NodeProto {
        .with {
            $0.opType = type
            $0.name = output
            $0.input = inputs
            $0.output = [output]
            $0.attribute = attributes
        }
    }
}

extension Onnx_AttributeProto {
    static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        .with {
            $0.name = name
            $0.type = .int
            $0.i = Int64(value)
        }
    }
}

extension Onnx_TensorProto {
    /// A float32 scalar (shape `[]`).
    static func scalar(_ name: String, _ value: Float) -> Onnx_TensorProto {
        .with {
            $0.name = name
            $0.dataType = Int32(DataType.float.rawValue)
            $0.floatData = [value]
        }
    }

    /// A float32 tensor of a model file, its little-endian bytes as they are.
    init(name: String, _ tensor: SafeTensors.Tensor) {
        precondition(tensor.dtype == .float32, "a network's tensors are float32")
        self.init()
        self.name = name
        dims = tensor.shape.map(Int64.init)
        dataType = Int32(DataType.float.rawValue)
        rawData = tensor.bytes
    }
}

extension Onnx_ValueInfoProto {
    /// A float32 `[N, columns]` value, `N` being a dynamic batch size.
    static func floatMatrix(_ name: String, columns: Int) -> Onnx_ValueInfoProto {
        .with {
            $0.name = name
            $0.type.tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
            $0.type.tensorType.shape.dim = [.with { $0.dimParam = "N" }, .with { $0.dimValue = Int64(columns) }]
        }
    }
}
#endif
