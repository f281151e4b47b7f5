import NeuralNet

/// The GEMM kernel a command runs on, with a line describing it for the startup banner.
struct KernelChoice {
    let kernel: any GEMMKernel
    let description: String

    static func make(threads: Int) -> KernelChoice {
        #if OpenBLAS
        let blas = BLASKernel(threads: threads)
        return KernelChoice(kernel: blas, description: "kernel blas, \(blas.threads) threads (\(blas.configuration))")
        #else
        return KernelChoice(kernel: ReferenceKernel(), description: "kernel reference, 1 thread")
        #endif
    }
}
