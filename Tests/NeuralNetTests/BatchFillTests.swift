import NeuralNet
import Synchronization
import Testing

@Suite struct BatchFillTests {
    /// How often a data set's `fill` was called, and how often it fetched each example.
    /// Calls fetch disjoint examples, so the counts per example need no lock.
    final class CallLog: Sendable {
        let calls = Atomic(0)
        nonisolated(unsafe) let fetches: UnsafeMutableBufferPointer<Int32>

        init(examples: Int) {
            fetches = .allocate(capacity: examples)
            fetches.initialize(repeating: 0)
        }

        deinit { fetches.deallocate() }
    }

    /// Example `i` is the feature vector `[i, i + 1, …]` of class `i % 10`; it logs its calls.
    struct Counting: Dataset {
        let count = 1000
        let featureCount: Int
        let fillsConcurrently: Bool
        let log = CallLog(examples: 1000)

        func fill(
            batch indices: UnsafeBufferPointer<Int>, features: UnsafeMutablePointer<Float>,
            labels: UnsafeMutablePointer<Int32>
        ) {
            log.calls.add(1, ordering: .relaxed)
            for (row, index) in indices.enumerated() {
                log.fetches[index] += 1
                for feature in 0..<featureCount { features[row * featureCount + feature] = Float(index + feature) }
                labels[row] = Int32(index % 10)
            }
        }
    }

    /// A batch big enough to split (64 × 784 inputs) comes out the same filled on three
    /// threads as on one, each example fetched exactly once; a data set that does not allow
    /// it is filled in one call.
    @Test(arguments: [true, false])
    func fillsEveryRowOnceOnTheKernelsThreads(concurrently: Bool) {
        let network = MLP(sizes: [784, 8, 10])
        let indices = (0..<64).map { ($0 * 37) % 1000 }
        let data = Counting(featureCount: 784, fillsConcurrently: concurrently)
        let split = BatchPass(network: network, kernel: SwiftKernel(threads: 3), capacity: 64)
        let serial = BatchPass(network: network, kernel: ReferenceKernel(), capacity: 64)
        indices.withUnsafeBufferPointer { split.fill(from: data, indices: $0) }
        let calls = data.log.calls.load(ordering: .relaxed)
        let fetched = (0..<data.count).filter { data.log.fetches[$0] > 0 }
        #expect(fetched == indices.sorted() && fetched.allSatisfy { data.log.fetches[$0] == 1 })
        #expect(concurrently ? calls > 1 : calls == 1)
        indices.withUnsafeBufferPointer { serial.fill(from: data, indices: $0) }
        #expect(split.input.values == serial.input.values)
        #expect(Array(UnsafeBufferPointer(start: split.labels, count: 64)) == indices.map { Int32($0 % 10) })
    }
}
