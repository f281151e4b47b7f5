import ArgumentParser
import Foundation
import MNIST
import ONNXExport

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a saved model as an ONNX file, for onnxruntime, onnxruntime-web, Netron and other runtimes.",
        discussion: """
            The graph takes `pixels`, float32 [N, 784] in [0, 1] (28×28 images flattened row by \
            row, byte / 255), normalizes them as the model was trained, and outputs `logits` and \
            `probabilities`, [N, 10]. The model file's metadata goes along as ONNX metadata. \
            docs/onnx.md shows how to use the file.
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("The ONNX file to write, atomically.", valueName: "file"))
    var onnx: String

    func validate() throws {
        try OutputFile.checkWritable(onnx, flag: "--onnx", example: "model.onnx")
    }

    func run() throws {
        let modelFile = try modelOptions.load()
        let start = ContinuousClock.now
        let size = try ONNXModel(modelFile).write(to: URL(fileURLWithPath: onnx))
        let seconds = (ContinuousClock.now - start).seconds
        print(
            "wrote \(onnx): \(modelFile.network.architecture) MLP, ONNX opset \(ONNXModel.opsetVersion), \(Format.grouped(size)) bytes in \(Format.fixed(seconds, 3)) s"
        )
    }
}
