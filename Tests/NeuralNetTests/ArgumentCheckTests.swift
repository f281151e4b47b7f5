import NeuralNet
import Testing

/// Arguments that cannot work stop the program with a precondition whose message names the
/// argument: they are mistakes in the calling code, not in data read from outside (files get
/// thrown errors). Each case runs in a child process of its own.
@Suite struct ArgumentCheckTests {
    @Test func aBatchSizeOfZeroIsRefusedNamingIt() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let network = MLP(sizes: [2, 3])
            _ = Trainer(
                network: network, optimizer: SGD(parameters: network.parameters, learningRate: 0.1),
                kernel: KernelKind.swift.make(threads: 1), batchSize: 0, shuffleSeed: 1)
        }
        #expect(Self.message(result).contains("batchSize must be at least 1, not 0"))
    }

    @Test func anEmptyTrainingSetIsRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? makeTrainer(inputs: 2).trainBatch(on: Points(count: 0, features: 2))
        }
        #expect(Self.message(result).contains("data is empty"))
    }

    @Test func dataOfAnotherWidthThanTheNetworkIsRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? makeTrainer(inputs: 2).trainBatch(on: Points(count: 10, features: 3))
        }
        #expect(Self.message(result).contains("data has 3 features, network expects 2"))
    }

    @Test func aLabelOutsideTheClassesIsRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? makeTrainer(inputs: 2).trainBatch(on: Points(count: 10, features: 2, label: 3))
        }
        #expect(Self.message(result).contains("labels must be classes in 0..<3, not 3"))
    }

    @Test func anMLPWithoutAnOutputLayerIsRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MLP(sizes: [784])
        }
        #expect(Self.message(result).contains("sizes must hold at least an input and an output width"))
    }

    @Test func valuesThatDoNotFillTheMatrixAreRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix(rows: 2, columns: 2, values: [1])
        }
        #expect(Self.message(result).contains("values must hold rows × columns = 4 numbers, not 1"))
    }

    @Test func aPassWithoutRoomForARowIsRefused() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchPass(network: MLP(sizes: [2, 3]), kernel: KernelKind.swift.make(threads: 1), capacity: 0)
        }
        #expect(Self.message(result).contains("capacity must be at least 1, not 0"))
    }

    /// What the child process printed to standard error.
    private static func message(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }
}

/// A trainer of a 2-layer network with `inputs` inputs and 3 classes, batches of 4.
private func makeTrainer(inputs: Int) -> Trainer {
    let network = MLP(sizes: [inputs, 3])
    return Trainer(
        network: network, optimizer: SGD(parameters: network.parameters, learningRate: 0.1),
        kernel: KernelKind.swift.make(threads: 1), batchSize: 4, shuffleSeed: 1)
}

/// `count` examples of `features` zeros, all labelled `label`.
private struct Points: Dataset {
    let count: Int
    let features: Int
    var label: Int32 = 0
    var featureCount: Int { features }

    func fill(
        batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) {
        features.update(repeating: 0, count: indices.count * self.features)
        labels.update(repeating: label, count: indices.count)
    }
}
