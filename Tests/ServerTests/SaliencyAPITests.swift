#if Server
import Foundation
import MNIST
import NeuralNet
import TestSupport
import Testing

/// `POST /api/predict`'s `saliency` against finite differences of the served model itself:
/// for held-out test digits, the change of the answer's logit minus the runner-up's when one
/// pixel of the input the network saw (`input`, in [0, 1] before normalization) moves.
@Suite struct SaliencyAPITests {
    /// logit[toward] − logit[awayFrom] of `network` for pixel values in [0, 1].
    static func margin(_ model: ModelFile, _ pixels: [Double], toward: Int, awayFrom: Int) -> Double {
        let pass = BatchPass(network: model.network, kernel: ReferenceKernel(), capacity: 1)
        let normalization = model.normalization
        for (index, pixel) in pixels.enumerated() {
            pass.input.storage[index] = Float(
                (pixel - Double(normalization.mean)) / Double(normalization.standardDeviation))
        }
        let logits = pass.forward(rows: 1)
        return Double(logits[toward]) - Double(logits[awayFrom])
    }

    @Test func saliencyMatchesFiniteDifferencesOfTheServedModel() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let model = try ModelFile.load(from: fixture.model)
        let server = try RunningServer(model: fixture.model)
        for digit in fixture.digits.prefix(3) {
            let reply = try server.request(
                "POST", "/api/predict", headers: ["Content-Type": "image/png"], body: try Data(contentsOf: digit.png))
            #expect(reply.status == 200, "\(reply.text)")
            let saliency = (reply.json["saliency"] as? [[Double]] ?? []).flatMap { $0 }
            let input = (reply.json["input"] as? [[Int]] ?? []).flatMap { $0 }.map { Double($0) / 255 }
            #expect(saliency.count == 784 && input.count == 784)
            let (toward, awayFrom) = (reply.json["digit"] as? Int ?? 0, reply.json["runner_up"] as? Int ?? 0)
            let center = Self.margin(model, input, toward: toward, awayFrom: awayFrom)
            let step = 1e-3
            var compared = 0
            for pixel in 0..<784 {
                var moved = input
                moved[pixel] += step
                let above = (Self.margin(model, moved, toward: toward, awayFrom: awayFrom) - center) / step
                moved[pixel] = input[pixel] - step
                let below = (center - Self.margin(model, moved, toward: toward, awayFrom: awayFrom)) / step
                // A ReLU that changes sides within the step leaves no derivative to compare.
                guard abs(above - below) <= 0.02 + 0.01 * abs(above) else { continue }
                let numeric = (above + below) / 2
                // float32 logits of about ±10, step 1e-3: absolute 0.02 plus 2% relative.
                #expect(
                    abs(saliency[pixel] - numeric) <= 0.02 + 0.02 * abs(numeric),
                    "pixel \(pixel): served \(saliency[pixel]), numeric \(numeric)")
                compared += 1
            }
            #expect(compared >= 700, "only \(compared) pixels away from a ReLU's corner")
            #expect(saliency.map(abs).max() ?? 0 > 0.1, "a saliency map that is all but zero")
        }
        #expect(server.stop().status == 0)
    }
}
#endif
