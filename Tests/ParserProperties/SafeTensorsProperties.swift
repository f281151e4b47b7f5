import Foundation
import MNIST
import NeuralNet

/// The properties of the safetensors reader and of model files, which are safetensors.
enum SafeTensorsProperties {
    /// Every tensor read holds as many bytes as its dtype and shape need, and the writer
    /// writes what was read in a file that reads back equal.
    static func checkSafeTensors(_ bytes: Data) throws(PropertyViolation) {
        guard let content = try? SafeTensors(parsing: bytes, name: "input") else { return }
        for (name, tensor) in content.tensors {
            let elements = tensor.shape.reduce(1, *)
            try PropertyViolation.require(
                tensor.bytes.count == elements * tensor.dtype.byteCount,
                "tensor '\(name)' (\(tensor.dtype), shape \(tensor.shape)) holds \(tensor.bytes.count) bytes")
        }
        let again = Result { () throws(SafeTensorsError) in try SafeTensors(parsing: content.encoded(), name: "encoded")
        }
        try PropertyViolation.require(
            (try? again.get()) == content, "safetensors read, written and read again differ: \(again)")
    }

    /// A model file that loads takes 28×28 images, scores 10 classes, has finite weights and
    /// a normalization that turns every pixel into a finite input; saving it writes a file that
    /// loads back with the same network, normalization and metadata.
    static func checkModelFile(_ bytes: Data) throws(PropertyViolation) {
        guard let model = try? ModelFile(parsing: bytes, name: "input") else { return }
        try PropertyViolation.require(
            model.network.inputCount == ModelFile.inputCount && model.network.classCount == ModelFile.classCount,
            "a model of \(model.network.architecture) loaded")
        let weights = model.network.tensors.values.flatMap { $0.floats ?? [] }
        try PropertyViolation.require(
            weights.allSatisfy(\.isFinite), "a model with \(weights.count { !$0.isFinite }) non-finite weights loaded")
        let normalize = model.normalization
        let inputs = [normalize(0), normalize(255), normalize.byteScale, normalize.byteOffset]
        try PropertyViolation.require(
            inputs.allSatisfy(\.isFinite) && normalize.standardDeviation > 0,
            "a model with normalization \(normalize) loaded: pixels 0 and 255 become \(inputs[0]) and \(inputs[1])")
        let again = Result { () throws(ModelFileError) in
            try ModelFile(parsing: model.contents.encoded(), name: "encoded")
        }
        guard case .success(let reloaded) = again else {
            throw PropertyViolation("a model that loaded, saved, does not load: \(again)")
        }
        try PropertyViolation.require(
            reloaded.contents == model.contents, "a model that loaded, saved and loaded again differs")
    }
}
