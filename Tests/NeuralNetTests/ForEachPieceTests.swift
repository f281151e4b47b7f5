import NeuralNet
import Testing

@Suite struct ForEachPieceTests {
    /// Counts the visits to each element and marks where each piece starts. Pieces touch
    /// disjoint elements, so the threads need no lock.
    final class Visits: ElementwiseWork {
        let counts: UnsafeMutableBufferPointer<Int32>
        let startsPiece: UnsafeMutableBufferPointer<Bool>

        init(count: Int) {
            counts = .allocate(capacity: max(count, 1))
            counts.initialize(repeating: 0)
            startsPiece = .allocate(capacity: max(count, 1))
            startsPiece.initialize(repeating: false)
        }

        deinit {
            counts.deallocate()
            startsPiece.deallocate()
        }

        func perform(_ piece: Range<Int>) {
            if !piece.isEmpty { startsPiece[piece.lowerBound] = true }
            for index in piece { counts[index] += 1 }
        }

        /// Where the pieces of `count` elements started.
        func starts(count: Int) -> [Int] { (0..<count).filter { startsPiece[$0] } }
    }

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
            let visits = Visits(count: count)
            kernel.forEachPiece(of: count, visits)
            #expect(visits.counts.prefix(count).allSatisfy { $0 == 1 }, "\(kernel.name), \(count) elements")
            #expect(visits.starts(count: count).allSatisfy { $0 % 16 == 0 }, "\(kernel.name): a piece starts mid-line")
        }
    }

    @Test func splitsLargeCountsOverTheKernelsThreads() {
        let large = Visits(count: 100_000)
        SwiftKernel(threads: 2).forEachPiece(of: 100_000, large)
        #expect(large.starts(count: 100_000).count > 1)
        let small = Visits(count: 1000)
        SwiftKernel(threads: 2).forEachPiece(of: 1000, small)
        #expect(small.starts(count: 1000) == [0])
    }
}
