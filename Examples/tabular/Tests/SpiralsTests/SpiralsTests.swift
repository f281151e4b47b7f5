import Foundation
import NeuralNet
import Spirals
import Testing

@Suite struct SpiralsTests {
    @Test func pointsAreSpreadOverTheArmsAndRepeatForASeed() {
        let points = Spirals(count: 300, seed: 7)
        #expect(points.count == 300 && points.featureCount == 2)
        #expect((0..<3).map { arm in points.labels.filter { $0 == arm }.count } == [100, 100, 100])
        #expect(points.coordinates == Spirals(count: 300, seed: 7).coordinates)
        #expect(points.coordinates != Spirals(count: 300, seed: 8).coordinates)
        #expect(points.coordinates.allSatisfy { abs($0) < 1.5 })
    }

    @Test func fillCopiesTheChosenPointsAndLabels() {
        let points = Spirals(count: 30, seed: 1)
        var features = [Float](repeating: .nan, count: 4)
        var labels = [Int32](repeating: -1, count: 2)
        [5, 17].withUnsafeBufferPointer { indices in
            points.fill(batch: indices, features: &features, labels: &labels)
        }
        #expect(features == Array(points.coordinates[10..<12] + points.coordinates[34..<36]))
        #expect(labels == [points.labels[5], points.labels[17]])
    }

    /// The accuracy the README states: at least 97% of the test points, on every seed tried.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func trainingTellsTheArmsApart(seed: UInt64) throws {
        var training = SpiralTraining()
        training.seed = seed
        let kernel = KernelKind.preferred.make(threads: 1)
        let network = try training.train(on: Spirals(count: 3000, seed: seed), kernel: kernel)
        let evaluation = Evaluator(network: network, kernel: kernel).evaluate(
            on: Spirals(count: 1000, seed: seed + 1_000_000))
        #expect(evaluation.count == 1000)
        #expect(evaluation.accuracy >= 0.97, "seed \(seed): \(evaluation.accuracy)")
    }

    @Test func aSavedNetworkLoadsWithTheSameWeights() throws {
        var training = SpiralTraining()
        training.epochs = 2
        let network = try training.train(
            on: Spirals(count: 200, seed: 1), kernel: KernelKind.preferred.make(threads: 1))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spirals-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try network.save(to: url)
        let loaded = try MLP.load(from: url)
        #expect(loaded.sizes == [2, 64, 64, 3])
        #expect(zip(loaded.parameters, network.parameters).allSatisfy { $0.value.values == $1.value.values })
    }
}

@Test func theKernelFollowsThePackagesTrait() {
    #if OpenBLAS
    #expect(KernelKind.preferred.rawValue == "blas")
    #else
    #expect(KernelKind.allCases.map(\.rawValue) == ["swift"])
    #endif
}
