#if ONNX  // the package trait that builds this module (Package.swift)
import MNIST
import NeuralNet

extension Onnx_GraphProto {
    /// The inference graph of `network` on raw pixels in [0, 1]:
    ///
    ///     pixels [N, 784] → Sub(mean) → Div(std) → Gemm → Relu → … → Gemm = logits [N, 10]
    ///                                                        logits → Softmax(axis 1) = probabilities
    ///
    /// Each `Gemm` computes `input · Wᵀ + b` (`transB = 1`) with `W` stored `[out, in]` as in
    /// the model file, under the file's tensor names (`0.weight`, `0.bias`, `2.weight`, …).
    init(network: MLP, normalization: Normalization) {
        self.init()
        name = "\(network.architecture) MLP"
        let classes = network.classCount
        input = [.floatMatrix(ONNXModel.inputName, columns: network.inputCount)]
        output = [
            .floatMatrix(ONNXModel.logitsName, columns: classes),
            .floatMatrix(ONNXModel.probabilitiesName, columns: classes),
        ]

        let (mean, standardDeviation) = ("normalization_mean", "normalization_std")
        initializer = [
            .scalar(mean, normalization.mean), .scalar(standardDeviation, normalization.standardDeviation),
        ]
        node = [
            .operator("Sub", [ONNXModel.inputName, mean], output: "centred"),
            .operator("Div", ["centred", standardDeviation], output: "normalized"),
        ]

        let tensors = network.tensors
        var layerInput = "normalized"
        for index in network.layers.indices {
            let names = MLP.tensorNames(ofLayer: index)
            initializer += [
                .init(name: names.weight, tensors[names.weight]!), .init(name: names.bias, tensors[names.bias]!),
            ]
            let isOutput = index == network.layers.count - 1
            let linear = isOutput ? ONNXModel.logitsName : "linear\(index)"
            node.append(
                .operator(
                    "Gemm", [layerInput, names.weight, names.bias], output: linear, attributes: [.int("transB", 1)]))
            if !isOutput {
                layerInput = "relu\(index)"
                node.append(.operator("Relu", [linear], output: layerInput))
            }
        }
        node.append(
            .operator(
                "Softmax", [ONNXModel.logitsName], output: ONNXModel.probabilitiesName, attributes: [.int("axis", 1)]))
    }
}
#endif
