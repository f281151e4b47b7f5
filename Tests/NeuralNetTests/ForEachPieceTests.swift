import NeuralNet
import Synchronization
import Testing

@Suite struct ForEachPieceTests {
    static var kernels: [any GEMMKernel] {
        var kernels: [any GEMMKernel] = [ReferenceKernel(), SwiftKernel(threads: 1), SwiftKernel(threads: 3)]
        #if OpenBLAS
        kernels += [BLASKernel(threads: 1), BLASKernel(threads: 3)]
        #endif
        kernels.append(AdaptiveKernel(candidates: [SwiftKernel(threads: 1), SwiftKernel(threads: 2)]))
        return kernels
    }

    /// Every element once, in pieces that start on 16-element boundaries, below and above
    /// the size worth splitting and with a count that is not a multiple of 16.
    @Test(arguments: [0, 1, 1000, 40_000, 100_003])
    func coversEveryElementOnce(count: Int) {
        for kernel in Self.kernels {
            let visits = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(count, 1))
            defer { visits.deallocate() }
            visits.initialize(repeating: 0)
            let starts = Mutex<[Int]>([])
            kernel.forEachPiece(of: count) { piece in
                starts.withLock { $0.append(piece.lowerBound) }
                for index in piece { visits[index] += 1 }
            }
            #expect(visits.prefix(count).allSatisfy { $0 == 1 }, "\(kernel.name), \(count) elements")
            #expect(starts.withLock { $0.allSatisfy { $0 % 16 == 0 } }, "\(kernel.name): a piece starts mid-line")
        }
    }

    @Test func splitsLargeCountsOverTheKernelsThreads() {
        let pieces = Mutex(0)
        SwiftKernel(threads: 2).forEachPiece(of: 100_000) { _ in pieces.withLock { $0 += 1 } }
        #expect(pieces.withLock { $0 } > 1)
        let whole = Mutex(0)
        SwiftKernel(threads: 2).forEachPiece(of: 1000) { _ in whole.withLock { $0 += 1 } }
        #expect(whole.withLock { $0 } == 1)
    }
}
