import Foundation

/// An MLP as named tensors, laid out like the state dict of PyTorch's
/// `nn.Sequential(nn.Linear, nn.ReLU, nn.Linear, ..., nn.Linear)`: layer `i` is module
/// `2i`, so the tensors are `0.weight` `[out, in]`, `0.bias` `[out]`, `2.weight`, `2.bias`, ...
/// (the ReLUs at odd indices have no parameters).
extension MLP {
    /// The PyTorch names of layer `index`'s weight and bias: `2i.weight` and `2i.bias`.
    public static func tensorNames(ofLayer index: Int) -> (weight: String, bias: String) {
        ("\(2 * index).weight", "\(2 * index).bias")
    }

    /// Every weight and bias as a float32 tensor, by its PyTorch name.
    public var tensors: [String: SafeTensors.Tensor] {
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (index, layer) in layers.enumerated() {
            let weight = layer.weight.value
            let bias = layer.bias.value
            let names = Self.tensorNames(ofLayer: index)
            tensors[names.weight] = SafeTensors.Tensor(
                shape: [layer.outputs, layer.inputs],
                floats: UnsafeBufferPointer(start: weight.storage, count: weight.count))
            tensors[names.bias] = SafeTensors.Tensor(
                shape: [layer.outputs], floats: UnsafeBufferPointer(start: bias.storage, count: bias.count))
        }
        return tensors
    }

    /// The network `tensors` describe, with exactly their weights. Throws if they are not
    /// such a network: names other than `2i.weight` and `2i.bias`, a missing tensor, a
    /// dtype other than float32, or shapes that do not chain from layer to layer.
    public convenience init(tensors: [String: SafeTensors.Tensor]) throws(MLPLayoutError) {
        var layerIndices = Set<Int>()
        for name in tensors.keys {
            guard let match = name.wholeMatch(of: /(\d{1,6})\.(weight|bias)/), let module = Int(match.1) else {
                throw MLPLayoutError("unexpected tensor '\(name)': an MLP has only tensors named N.weight and N.bias")
            }
            guard module % 2 == 0 else {
                throw MLPLayoutError(
                    "unexpected tensor '\(name)': module \(module) would be a ReLU, which has no parameters")
            }
            layerIndices.insert(module / 2)
        }
        guard let lastLayer = layerIndices.max() else { throw MLPLayoutError("it holds no tensors") }

        var sizes: [Int] = []
        var values: [[Float]] = []
        for layer in 0...lastLayer {
            let (weightName, biasName) = Self.tensorNames(ofLayer: layer)
            guard let weight = tensors[weightName] else { throw MLPLayoutError("tensor '\(weightName)' is missing") }
            guard let bias = tensors[biasName] else { throw MLPLayoutError("tensor '\(biasName)' is missing") }
            guard let weightValues = weight.floats, let biasValues = bias.floats else {
                let other = weight.dtype != .float32 ? (weightName, weight.dtype) : (biasName, bias.dtype)
                throw MLPLayoutError("tensor '\(other.0)' is \(other.1.rawValue), but only F32 (float32) is supported")
            }
            guard weight.shape.count == 2, weight.shape.allSatisfy({ $0 > 0 }) else {
                throw MLPLayoutError(
                    "tensor '\(weightName)' has shape \(weight.shape), expected [outputs, inputs] with both positive")
            }
            let (outputs, inputs) = (weight.shape[0], weight.shape[1])
            guard bias.shape == [outputs] else {
                throw MLPLayoutError(
                    "tensor '\(biasName)' has shape \(bias.shape), expected [\(outputs)] to match '\(weightName)' \(weight.shape)"
                )
            }
            if let previous = sizes.last {
                guard inputs == previous else {
                    throw MLPLayoutError(
                        "layers do not chain: '\(weightName)' \(weight.shape) takes \(inputs) inputs, but the layer before it has \(previous) outputs"
                    )
                }
            } else {
                sizes.append(inputs)
            }
            sizes.append(outputs)
            values += [weightValues, biasValues]
        }
        self.init(sizes: sizes)
        for (parameter, floats) in zip(parameters, values) {
            floats.withUnsafeBufferPointer {
                parameter.value.storage.update(from: $0.baseAddress!, count: floats.count)
            }
        }
    }
}

/// Why a set of tensors is not an MLP.
public struct MLPLayoutError: Error, Equatable, CustomStringConvertible {
    public var description: String
    /// An error that says `description`.
    public init(_ description: String) { self.description = description }
}
