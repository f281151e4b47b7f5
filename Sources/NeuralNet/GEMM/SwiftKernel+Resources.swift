extension SwiftKernel {
    /// Everything a kernel reuses from call to call: a packing buffer per thread and the
    /// worker threads, started on the first product that is split.
    // Sendable: `caller` admits one thread, who sets `job` around `workers.run`; each part owns its C block and panel.
    final class Resources: ParallelWork, @unchecked Sendable {
        private let threads: Int
        private let panels: UnsafeMutablePointer<Float>
        private lazy var workers = WorkerPool(threads: threads)
        /// The product being computed in parallel, read by every part.
        private var job: (product: Product, partition: Partition)?
        private let caller = SingleCaller(kernel: "SwiftKernel")

        init(threads: Int) {
            self.threads = threads
            let count = threads * Product.panelCapacity
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            panels = raw.bindMemory(to: Float.self, capacity: count)
        }

        deinit { UnsafeMutableRawPointer(panels).deallocate() }

        /// Computes `product`, on the calling thread or split as `partition` says; one
        /// thread at a time (`SingleCaller`), since the buffers cannot be shared.
        func compute(_ product: Product, partition: Partition) {
            caller.run {
                if partition.parts == 1 {
                    product.compute(rows: 0..<product.m, columns: 0..<product.n, panel: panel(0))
                    return
                }
                job = (product, partition)
                workers.run(parts: partition.parts, of: self)
                job = nil
            }
        }

        /// Runs `work` over pieces of `0..<count` on the kernel's threads (`WorkerPool.forEachPiece`).
        func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
            guard threads > 1 else { return work.perform(0..<count) }
            caller.run { workers.forEachPiece(of: count, work) }
        }

        func perform(part: Int, worker: Int) {
            guard let (product, partition) = job else { return }
            let (rows, columns) = partition.block(part)
            product.compute(rows: rows, columns: columns, panel: panel(worker))
        }

        /// The packing buffer of thread `index`, `Product.panelCapacity` floats.
        private func panel(_ index: Int) -> UnsafeMutablePointer<Float> {
            panels + index * Product.panelCapacity
        }
    }
}
