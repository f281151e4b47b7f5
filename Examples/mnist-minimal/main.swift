// MNIST in one screen: a 784-128-64-10 MLP trained with SGD and momentum for three epochs,
// the learning rate falling each epoch, written as the textbook loop on the library's public
// API. Run it with
//
//     swift run -c release mnist-minimal [data directory]    (else $MNIST_DATA, else data/mnist)
import Foundation
import MNIST
import NeuralNet

let epochs = 3
let batchSize = 64
let classes = 10
let learningRate: Float = 0.03
let folder =
    CommandLine.arguments.dropFirst().first ?? ProcessInfo.processInfo.environment["MNIST_DATA"] ?? "data/mnist"

// Load: the four IDX files, images as bytes [count, 28·28] and labels [count].
let directory = MNISTDirectory(URL(fileURLWithPath: folder))
let trainingImages: LabelledImages
let testImages: LabelledImages
do { (trainingImages, testImages) = (try directory.trainingSet(), try directory.testSet()) } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
// Normalize: each pixel byte becomes (byte / 255 − mean) / std as a batch is gathered.
let (training, test) = (NormalizedImages(trainingImages), NormalizedImages(testImages))

// Model: 784 inputs, hidden layers of 128 and 64 ReLU units, 10 logits, He-initialized.
var generator = RandomGenerator(seed: 42)
let network = MLP(sizes: [784, 128, 64, classes])
network.initialize(using: &generator)
let sgd = SGD(parameters: network.parameters, learningRate: learningRate, momentum: 0.9)
// Batch: the pass holds input[64, 784], labels[64] and every layer's activations and gradients.
let kernel = KernelKind.preferred.make(threads: 1)  // OpenBLAS, or the Swift GEMM without it
let pass = BatchPass(network: network, kernel: kernel, capacity: batchSize)

var order = Array(0..<training.count)
for epoch in 1...epochs {
    sgd.learningRate = learningRate * Float(epochs + 1 - epoch) / Float(epochs)  // decay: 0.03, 0.02, 0.01
    order.shuffle(using: &generator)  // shuffle: a new order of the 60,000 images each epoch
    var lossSum = 0.0
    for first in stride(from: 0, to: order.count, by: batchSize) {
        let rows = min(batchSize, order.count - first)  // the last batch may be short
        pass.fill(from: training, indices: order[first..<first + rows])  // batch: input[rows, 784]
        let logits = pass.forward(rows: rows)  // forward: logits[rows, 10]
        // Loss: softmax cross-entropy summed over the batch, and its gradient ∂loss/∂logits[rows, 10].
        let loss = SoftmaxCrossEntropy.backward(
            logits: logits, labels: pass.labels, rows: rows, classes: classes,
            logitsGradient: pass.logitsGradient.storage)
        lossSum += loss.lossSum
        // Backward through every layer to each weight and bias; SGD's carry (1) adds each weight's
        // gradient to the 0.9 · v its last step left there.
        pass.backward(rows: rows, gradientCarry: sgd.gradientCarry)
        sgd.step()  // update: v ← 0.9 · v + ∂loss/∂w, w ← w − lr · v
    }
    print("epoch \(epoch)/\(epochs)  loss " + String(format: "%.4f", lossSum / Double(training.count)))
}

// Evaluate: the share of the 10,000 test images whose largest logit is their label.
let evaluation = Evaluator(network: network, kernel: kernel).evaluate(on: test)
print("test accuracy: " + String(format: "%.2f%%", 100 * evaluation.accuracy))
