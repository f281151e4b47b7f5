#if Server
import Foundation
import Hummingbird
import MNIST
import ServerRequests

/// `mnist serve`: the web page and JSON API on Hummingbird, until SIGINT or SIGTERM.
public struct DigitServer: Sendable {
    /// What `mnist serve`'s flags chose.
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        /// 0 lets the system choose a free port (the printed URL tells which).
        public var port = 8080
        /// The training report folder served read-only under /report/, if any.
        public var reportDirectory: URL?
        /// Where the page's training runs read their data set's files.
        public var dataDirectory: MNISTDirectory
        /// The data set the page's training runs train on.
        public var dataSet: DataSet
        /// Seconds a training run in step mode waits for its next step before it is cancelled.
        public var stepIdleLimit: Double = 600

        public init(dataDirectory: MNISTDirectory, dataSet: DataSet = .mnist) {
            self.dataDirectory = dataDirectory
            self.dataSet = dataSet
        }
    }

    let settings: Settings
    let state: ServerState

    /// A server for the model in `model` (already loaded; `name` is its file name).
    public init(model: ModelFile, name: String, settings: Settings) throws {
        self.settings = settings
        let report = try settings.reportDirectory.map(ServedFolder.init)  // a missing folder fails now
        state = ServerState(
            model: ServedModel(
                file: model, name: name, source: .file, report: report, testImages: settings.dataDirectory),
            dataDirectory: settings.dataDirectory, dataSet: settings.dataSet, stepIdleLimit: settings.stepIdleLimit)
    }

    /// Whether `host` answers only this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Serves until SIGINT or SIGTERM, then lets requests in flight finish and returns.
    /// `onListening` gets the URL once the server accepts connections.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let host = settings.host
        let application = Application(
            router: Routes.router(state: state).router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: settings.port), serverName: "mnist"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shownHost):\(port)/")
            })
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        state.training.shutDown()
    }
}
#endif
