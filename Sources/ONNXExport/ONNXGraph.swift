import MNIST
import NeuralNet

/// The inference graph of a network on raw pixels in [0, 1]:
///
///     pixels [N, 784] → Sub(mean) → Div(std) → Gemm → Relu → … → Gemm = logits [N, 10]
///                                                        logits → Softmax(axis 1) = probabilities
///
/// Each `Gemm` computes `input · Wᵀ + b` (`transB = 1`) with `W` stored `[out, in]` as in
/// the model file, under the file's tensor names (`0.weight`, `0.bias`, `2.weight`, …).
struct ONNXGraph {
    var name: String
    var nodes: [ONNXNode]
    var initializers: [ONNXTensor]
    var input: ONNXFloatMatrix
    var outputs: [ONNXFloatMatrix]

    init(network: MLP, normalization: Normalization) {
        name = "\(network.architecture) MLP"
        let classes = network.classCount
        input = ONNXFloatMatrix(name: ONNXModel.inputName, columns: network.inputCount)
        outputs = [
            ONNXFloatMatrix(name: ONNXModel.logitsName, columns: classes),
            ONNXFloatMatrix(name: ONNXModel.probabilitiesName, columns: classes),
        ]

        let (mean, standardDeviation) = ("normalization_mean", "normalization_std")
        initializers = [
            .scalar(name: mean, normalization.mean), .scalar(name: standardDeviation, normalization.standardDeviation),
        ]
        nodes = [
            ONNXNode(type: "Sub", inputs: [ONNXModel.inputName, mean], output: "centred"),
            ONNXNode(type: "Div", inputs: ["centred", standardDeviation], output: "normalized"),
        ]

        let tensors = network.tensors
        var layerInput = "normalized"
        for index in network.layers.indices {
            let names = MLP.tensorNames(ofLayer: index)
            initializers += [
                .stored(name: names.weight, tensors[names.weight]!), .stored(name: names.bias, tensors[names.bias]!),
            ]
            let isOutput = index == network.layers.count - 1
            let linear = isOutput ? ONNXModel.logitsName : "linear\(index)"
            nodes.append(
                ONNXNode(
                    type: "Gemm", inputs: [layerInput, names.weight, names.bias], output: linear,
                    attributes: [("transB", 1)]))
            if !isOutput {
                layerInput = "relu\(index)"
                nodes.append(ONNXNode(type: "Relu", inputs: [linear], output: layerInput))
            }
        }
        nodes.append(
            ONNXNode(
                type: "Softmax", inputs: [ONNXModel.logitsName], output: ONNXModel.probabilitiesName,
                attributes: [("axis", 1)]))
    }

    /// The graph as a `GraphProto`'s fields.
    func write(to graph: inout ProtobufWriter) {
        for node in nodes { graph.message(1, node.write) }  // node
        graph.string(2, name)  // name
        for tensor in initializers { graph.message(5, tensor.write) }  // initializer
        graph.message(11, input.write)  // input
        for output in outputs { graph.message(12, output.write) }  // output
    }
}
