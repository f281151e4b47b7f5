#if Server
import Foundation
import MNIST
import NeuralNet
import ServerRequests

/// The model the server predicts with: the file given to `mnist serve`, or the last one
/// trained from the page. Read-only once made, so any number of requests can share it.
struct ServedModel: Sendable {
    enum Source: String, Sendable {
        case file
        case trained
    }

    let file: ModelFile
    /// The file's name, or `trained-from-the-page.safetensors`.
    let name: String
    let source: Source
    /// The training report of this model, served under /report/: `--report DIR` for the file
    /// given to `mnist serve`, the one the server wrote for a model trained from the page.
    let report: ServedFolder?
    let classifier: DigitClassifier
    /// The first layer's weights as `GET /api/model/first-layer` serves them.
    let firstLayer: FirstLayerWeights
    /// `name` as a JSON string.
    let nameJSON: [UInt8]
    /// Where the test images land in its last hidden layer, computed when first asked for.
    let map: ModelMap

    /// The model of `file`; `testImages` holds the MNIST test files its map is drawn from.
    init(file: ModelFile, name: String, source: Source, report: ServedFolder? = nil, testImages: MNISTDirectory) {
        self.file = file
        self.name = name
        self.source = source
        self.report = report
        // One thread per product: requests run side by side, each on its own thread.
        classifier = DigitClassifier(
            network: file.network, normalization: file.normalization, kernel: KernelKind.preferred.make(threads: 1))
        firstLayer = FirstLayerWeights(file.network)
        map = ModelMap(classifier: classifier, data: testImages)
        nameJSON = Array((try? JSONBody.encoder.encode(name)) ?? Data(#""""#.utf8))  // a String always encodes
    }
}
#endif
