#if OpenBLAS
extension BLASKernel {
    /// The worker threads of a kernel that splits its products, and the product being split:
    /// each part computes one block of C by a one-thread OpenBLAS call.
    // Sendable: `caller` admits one thread, who sets `job` around `workers.run`; each part writes only its block of C.
    final class Split: ParallelWork, @unchecked Sendable {
        /// Products with fewer multiply-adds (`m·n·k`) run on the calling thread, as with the
        /// Swift kernel (`SwiftKernel.Partition.defaultParallelThreshold`).
        static let threshold = SwiftKernel.Partition.defaultParallelThreshold

        private let threads: Int
        private lazy var workers = WorkerPool(threads: threads)
        /// The product being split, and whether into blocks of columns (else of rows).
        private var job: (product: Product, splitsColumns: Bool)?
        private let caller = SingleCaller(kernel: "BLASKernel")

        init(threads: Int) { self.threads = threads }

        /// Computes `product`, one block of C per thread.
        func compute(_ product: Product) {
            caller.run {
                // Every part packs all of the operand that the blocks share: op(A), m×k, when C's
                // columns are split, op(B), k×n, when its rows are. Share the smaller one.
                job = (product, product.m <= product.n)
                workers.run(parts: threads, of: self)
                job = nil
            }
        }

        /// Runs `work` over pieces of `0..<count` on these threads (`WorkerPool.forEachPiece`).
        func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
            caller.run { workers.forEachPiece(of: count, work) }
        }

        func perform(part: Int, worker: Int) {
            guard let (product, splitsColumns) = job else { return }
            if splitsColumns {
                product.compute(rows: 0..<product.m, columns: (0..<product.n).piece(part, of: threads, unit: 16))
            } else {
                product.compute(rows: (0..<product.m).piece(part, of: threads, unit: 16), columns: 0..<product.n)
            }
        }
    }
}
#endif
