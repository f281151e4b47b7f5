/// Matrix products in pure Swift: cache-blocked and packed like GotoBLAS and BLIS, with a
/// register-tiled `SIMD` micro-kernel, and split over up to `threads` threads.
///
/// The structure is Kazushige Goto's, as BLIS later refined it: `k` is cut into slices,
/// `op(B)` is packed one 16-column panel at a time into a contiguous buffer that stays in
/// L1, blocks of rows of `op(A)` stay in L2 while every panel sweeps past them, and a 6×16
/// micro-kernel keeps its tile of `C` in registers (see `SwiftKernel+Blocking.swift` and
/// `SwiftKernel+MicroKernel.swift`). Unlike GotoBLAS, `op(A)` is not packed: the
/// micro-kernel only broadcasts single elements of it, which needs no contiguity, so it
/// reads `A` in place in either layout and skips a copy that would be a sizeable share of
/// the smaller products.
///
/// Results are bit-identical for every thread count: each element of `C` is computed by the
/// same sequence of fused multiply-adds, whichever thread computes its tile.
///
/// Build with `-Xswiftc -target-cpu -Xswiftc haswell` (or newer) on x86-64: without AVX2 and
/// FMA the `SIMD` arithmetic falls back to a library call per lane, which is correct but
/// about a hundred times slower.
///
/// A kernel and its copies share one `Resources` (packing buffers and worker threads), so use
/// them from one thread at a time; a concurrent call stops the program with a message
/// rather than corrupt the other. The buffers are allocated by `init` and the threads by
/// the first product big enough to be split; after that, calls allocate nothing.
public struct SwiftKernel: GEMMKernel {
    public var name: String { "swift" }

    /// The most threads one product is split over.
    public let threads: Int

    /// Products with fewer multiply-adds (`m·n·k`) than this run on the calling thread.
    let parallelThreshold: Int

    private let resources: Resources

    /// Creates a kernel that splits large products over `threads` threads (at least 1).
    /// Worker threads are started on the first product big enough to need them.
    public init(threads: Int) {
        self.init(threads: threads, parallelThreshold: Partition.defaultParallelThreshold)
    }

    /// A kernel that splits every product of at least `parallelThreshold` multiply-adds;
    /// tests pass 0 to split even the smallest.
    init(threads: Int, parallelThreshold: Int) {
        require(threads >= 1, "a kernel needs at least one thread, got \(threads)")
        self.threads = threads
        self.parallelThreshold = parallelThreshold
        resources = Resources(threads: threads)
    }

    public func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        require(m >= 0 && n >= 0 && k >= 0, "negative matrix size \(m)×\(n)×\(k)")
        require(ldc >= max(n, 1), "ldc \(ldc) is smaller than n \(n)")
        require(lda >= max(transA == .none ? k : m, 1), "lda \(lda) is too small")
        require(ldb >= max(transB == .none ? n : k, 1), "ldb \(ldb) is too small")
        guard m > 0 && n > 0 else { return }

        let output = OutputMatrix(base: c, rowStride: ldc)
        guard k > 0 && alpha != 0 else {
            output.scale(rows: m, columns: n, by: beta)
            return
        }
        let product = Product(
            a: transA == .none
                ? StridedMatrix(base: a, rowStride: lda, columnStride: 1)
                : StridedMatrix(base: a, rowStride: 1, columnStride: lda),
            b: transB == .none
                ? StridedMatrix(base: b, rowStride: ldb, columnStride: 1)
                : StridedMatrix(base: b, rowStride: 1, columnStride: ldb),
            c: output, m: m, n: n, k: k, alpha: alpha, beta: beta)

        resources.compute(
            product, partition: Partition(product, threads: threads, parallelThreshold: parallelThreshold))
    }

    public func forEachPiece(of count: Int, _ work: some ElementwiseWork) {
        resources.forEachPiece(of: count, work)
    }
}
