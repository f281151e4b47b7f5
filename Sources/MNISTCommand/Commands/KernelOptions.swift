import ArgumentParser
import Foundation
import NeuralNet

/// Which GEMM kernel runs the matrix products, and on how many threads.
struct KernelOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The GEMM kernel: \(KernelKind.allCases.map(\.rawValue).joined(separator: " or ")) (default: \(KernelKind.preferred.rawValue)).",
            valueName: "kernel"),
        transform: KernelOptions.parseKernel)
    var kernel: KernelKind = .preferred

    @Option(help: "Threads for matrix products (default: all cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1 (got \(threads)).") }
    }

    static func parseKernel(_ text: String) throws -> KernelKind {
        if let kind = KernelKind(rawValue: text.lowercased()) { return kind }
        if text.lowercased() == "blas" {
            throw ValidationError("this build has no OpenBLAS kernel (it was built without the OpenBLAS trait); use --kernel swift, or build with `make` (KERNEL=blas).")
        }
        throw ValidationError("unknown kernel '\(text)'; choose \(KernelKind.allCases.map(\.rawValue).joined(separator: " or ")).")
    }

    /// The kernel, ready to run, and a line describing it for the startup banner.
    func makeKernel() -> (kernel: any GEMMKernel, description: String) {
        let kernel = self.kernel.make(threads: threads)
        #if OpenBLAS
        if let blas = kernel as? BLASKernel {
            return (kernel, "kernel blas, \(blas.threads) threads (\(blas.configuration))")
        }
        #endif
        return (kernel, "kernel \(kernel.name), \(threads) threads")
    }
}
