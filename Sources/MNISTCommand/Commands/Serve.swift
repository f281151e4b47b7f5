import ArgumentParser
import Dispatch
import Foundation
import MNIST

#if Server
import MNISTServer
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a page to draw digits on and watch the model read them (docs/serve.md).",
        discussion: """
            Prints the URL and serves until Ctrl-C (SIGINT) or SIGTERM, then finishes the \
            requests in flight and exits. Binds 127.0.0.1 unless --host says otherwise. \
            Build it with `make serve MODEL=FILE` (the Server trait).
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "The address to listen on; anything but loopback lets other machines use the server.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: ArgumentHelp("A training report folder (mnist train --report) to link and serve.", valueName: "dir"))
    var report: String?

    @Option(
        help: ArgumentHelp(
            "How long a training run from the page in step mode waits for its next step before it is cancelled.",
            valueName: "seconds"))
    var stepTimeout = 600

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard stepTimeout >= 1 else {
            throw ValidationError("--step-timeout must be 1 second or more, not \(stepTimeout)")
        }
        #if !Server
        throw CommandError(
            "this mnist was built without the server, which needs Hummingbird (the package trait Server). Run `make serve MODEL=\(modelOptions.model)`, which builds mnist with it and serves, or build with `swift build -c release --traits OpenBLAS,Server`."
        )
        #endif
    }

    func run() throws {
        #if Server
        let model = try modelOptions.load()
        // The page trains on --dataset, else on the served model's data set.
        let dataSet = dataOptions.namedDataSet ?? DataSet.named(model.dataSet.name) ?? .mnist
        var settings = DigitServer.Settings(
            dataDirectory: MNISTDirectory(dataOptions.directoryURL(for: dataSet)), dataSet: dataSet)
        settings.host = host
        settings.port = port
        settings.reportDirectory = report.map { URL(fileURLWithPath: $0) }
        settings.stepIdleLimit = Double(stepTimeout)
        let server = try DigitServer(
            model: model, name: URL(fileURLWithPath: modelOptions.model).lastPathComponent, settings: settings)
        if !DigitServer.isLoopback(host) {
            printError(
                "warning: --host \(host) is not loopback: anyone who can reach this machine can use the server (and train on it)."
            )
        }
        // Signals go to the server's handlers, even when this process was started by a thread
        // that blocks them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)

        nonisolated(unsafe) var failure: (any Error)?
        let stopped = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { url in
                    print("serving \(model.summary) at \(url)")
                    fflush(nil)
                }
            } catch {
                failure = error
            }
            stopped.signal()
        }
        stopped.wait()
        if let failure { throw CommandError("the server stopped: \(failure)") }
        print("stopped")
        #endif
    }
}
