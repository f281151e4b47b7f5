import NeuralNet

// The few kinds of ONNX message an MLP's graph is made of, each written as its fields, with
// the field numbers of ONNX's schema (onnx/onnx.proto in github.com/onnx/onnx), in
// field-number order.

/// A `NodeProto` of the default (`ai.onnx`) domain, named after its one output.
struct ONNXNode {
    var type: String
    var inputs: [String]
    var output: String
    /// Integer attributes, such as `transB`.
    var attributes: [(name: String, value: Int)] = []

    func write(to node: inout ProtobufWriter) {
        for input in inputs { node.string(1, input) }  // input
        node.string(2, output)  // output
        node.string(3, output)  // name
        node.string(4, type)  // op_type
        for attribute in attributes {
            node.message(5) { proto in  // attribute, an AttributeProto
                proto.string(1, attribute.name)  // name
                proto.integer(3, attribute.value)  // i
                proto.integer(20, 2)  // type: INT
            }
        }
    }
}

/// A float32 `TensorProto`: a graph's constant input, such as a layer's weights.
enum ONNXTensor {
    /// A scalar (shape `[]`).
    case scalar(name: String, Float)
    /// A tensor of a model file, its little-endian bytes as they are.
    case stored(name: String, SafeTensors.Tensor)

    /// ONNX's number for float32 (`TensorProto.DataType.FLOAT`).
    static let float32 = 1

    func write(to tensor: inout ProtobufWriter) {
        switch self {
        case let .scalar(name, value):
            tensor.integer(2, Self.float32)  // data_type
            tensor.packedFloats(4, [value])  // float_data
            tensor.string(8, name)  // name
        case let .stored(name, stored):
            precondition(stored.dtype == .float32, "a network's tensors are float32")
            for dimension in stored.shape { tensor.integer(1, dimension) }  // dims
            tensor.integer(2, Self.float32)  // data_type
            tensor.string(8, name)  // name
            tensor.bytes(9, stored.bytes)  // raw_data
        }
    }
}

/// A `ValueInfoProto` of a float32 `[N, columns]` value, `N` being a dynamic batch size: the
/// graph's input or one of its outputs.
struct ONNXFloatMatrix {
    var name: String
    var columns: Int

    func write(to value: inout ProtobufWriter) {
        value.string(1, name)  // name
        value.message(2) { type in  // type, a TypeProto
            type.message(1) { tensor in  // tensor_type
                tensor.integer(1, ONNXTensor.float32)  // elem_type
                tensor.message(2) { shape in  // shape, a TensorShapeProto
                    shape.message(1) { $0.string(2, "N") }  // dim: dim_param
                    shape.message(1) { $0.integer(1, columns) }  // dim: dim_value
                }
            }
        }
    }
}
