/// Runs a single-threaded kernel on several threads by cutting `C` into strips of columns
/// (or of rows, when `C` is narrow) that our own `WorkerPool` hands out one at a time.
///
/// Used for OpenBLAS instead of OpenBLAS's own threads: those spin-wait for work and every
/// call must wait for all of them, so when another program holds a core a two-thread
/// product can take longer than a one-thread one; OpenBLAS 0.3.21 also allocates a 512 KB
/// buffer on every multi-threaded call. Here a thread that starts late, or shares its core,
/// simply takes fewer strips, workers sleep between products, and nothing is allocated.
/// Products too small to gain from a second thread run on the calling thread.
///
/// Like `SwiftKernel`, use one from one thread at a time.
public struct StripedKernel: GEMMKernel {
    public let inner: any GEMMKernel
    public let threads: Int
    private let job: Job

    /// Products of fewer multiply-adds than this run unsplit on the calling thread (1M:
    /// about 25 µs on one Zen 3 core, where waking a sleeping thread costs up to 10 µs).
    public static let parallelThreshold = 1 << 20
    /// Strips are whole multiples of this many columns or rows.
    static let stripUnit = 16
    /// Strips per thread: enough to even out late starts, few enough to keep each strip's
    /// repacking of the shared operand cheap.
    static let stripsPerThread = 4

    /// - Parameter inner: a kernel that runs on the calling thread only.
    public init(splitting inner: any GEMMKernel, threads: Int) {
        self.inner = inner
        self.threads = max(threads, 1)
        job = Job(threads: self.threads)
    }

    public var name: String { inner.name }

    public func sgemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let call = Call(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
            beta: beta, c: c, ldc: ldc)
        let columnStrips = n / Self.stripUnit, rowStrips = m / Self.stripUnit
        let strips = min(threads * Self.stripsPerThread, max(columnStrips, rowStrips))
        guard threads > 1, strips >= 2, m * n * k >= Self.parallelThreshold else {
            call.run(inner, rows: 0..<m, columns: 0..<n)
            return
        }
        job.start(call, kernel: inner, strips: strips, splitsColumns: columnStrips >= rowStrips)
    }

    /// The arguments of one sgemm call, and how to run a block of its output.
    struct Call: @unchecked Sendable {
        var transA: Transpose, transB: Transpose
        var m: Int, n: Int, k: Int
        var alpha: Float
        var a: UnsafePointer<Float>, lda: Int
        var b: UnsafePointer<Float>, ldb: Int
        var beta: Float
        var c: UnsafeMutablePointer<Float>, ldc: Int

        /// C[rows, columns] = alpha · op(A)[rows, :] · op(B)[:, columns] + beta · C[rows, columns].
        func run(_ kernel: any GEMMKernel, rows: Range<Int>, columns: Range<Int>) {
            guard !rows.isEmpty, !columns.isEmpty else { return }
            let aStart = transA == .none ? rows.lowerBound * lda : rows.lowerBound
            let bStart = transB == .none ? columns.lowerBound : columns.lowerBound * ldb
            kernel.sgemm(
                transA, transB, m: rows.count, n: columns.count, k: k, alpha: alpha,
                a: a + aStart, lda: lda, b: b + bStart, ldb: ldb,
                beta: beta, c: c + rows.lowerBound * ldc + columns.lowerBound, ldc: ldc)
        }
    }

    /// The product being split, shared with the worker threads; reused from call to call so
    /// that a call allocates nothing.
    final class Job: ParallelWork, @unchecked Sendable {
        private lazy var workers = WorkerPool(threads: threads)
        private let threads: Int
        private var call: Call?
        private var kernel: (any GEMMKernel)?
        private var strips = 1
        private var splitsColumns = true

        init(threads: Int) { self.threads = threads }

        func start(_ call: Call, kernel: any GEMMKernel, strips: Int, splitsColumns: Bool) {
            (self.call, self.kernel, self.strips, self.splitsColumns) = (call, kernel, strips, splitsColumns)
            workers.run(parts: strips, of: self)
            self.call = nil
            self.kernel = nil
        }

        func perform(part: Int, worker: Int) {
            guard let call, let kernel else { return }
            if splitsColumns {
                call.run(kernel, rows: 0..<call.m, columns: (0..<call.n).piece(part, of: strips, unit: StripedKernel.stripUnit))
            } else {
                call.run(kernel, rows: (0..<call.m).piece(part, of: strips, unit: StripedKernel.stripUnit), columns: 0..<call.n)
            }
        }
    }
}
