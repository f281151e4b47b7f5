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

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Threads: a number, or auto (the default). Training splits its matrix products over them, and with auto switches as it runs between 1 thread and all cores, whichever is faster at the moment; evaluate scores that many batches at once, one per thread (auto: one per core).",
            valueName: "n|auto"),
        transform: KernelOptions.parseThreads)
    var threads: ThreadSetting = .automatic(cores: ProcessInfo.processInfo.activeProcessorCount)

    @Flag(
        help:
            "Also name the BLAS library's version and build in the line that says which kernel runs, and, when training, the share of each epoch's batches whose first layer took the sparse products."
    )
    var verbose = false

    static func parseKernel(_ text: String) throws -> KernelKind {
        if let kind = KernelKind(rawValue: text.lowercased()) { return kind }
        if text.lowercased() == "blas" {
            throw ValidationError(
                "this build has no OpenBLAS kernel (it was built without the OpenBLAS trait); use --kernel swift, or build with `make` (KERNEL=blas)."
            )
        }
        throw ValidationError(
            "unknown kernel '\(text)'; choose \(KernelKind.allCases.map(\.rawValue).joined(separator: " or ")).")
    }

    static func parseThreads(_ text: String) throws -> ThreadSetting {
        if text.lowercased() == "auto" { return .automatic(cores: ProcessInfo.processInfo.activeProcessorCount) }
        guard let count = Int(text), count >= 1 else {
            throw ValidationError("--threads must be a whole number of at least 1, or auto (got '\(text)').")
        }
        return .fixed(count)
    }

    /// Single-threaded kernels, one per thread that `--threads` allows (`auto`: one per core),
    /// for work made of independent batches, such as scoring a test set; and a short
    /// description for the report.
    func makeKernelPerThread() -> (kernels: [any GEMMKernel], description: String) {
        let count = max(threads.count, 1)
        return (
            kernel.makePerThread(count: count),
            "kernel \(kernel.rawValue), \(count == 1 ? "1 batch" : "\(count) batches at a time"), 1 thread each"
        )
    }

    /// The kernel, ready to run, and a short description of it for the startup banner (with
    /// the BLAS library's configuration when --verbose).
    func makeKernel() -> (kernel: any GEMMKernel, description: String) {
        var description = "kernel \(kernel.rawValue), threads \(threads)"
        #if OpenBLAS
        if verbose && kernel == .blas { description += " (\(BLASKernel.configuration))" }
        #endif
        return (kernel.make(threads), description)
    }
}
