import Foundation
import Images

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A place that holds the MNIST archives under their `MNISTFile.compressedName`: a web
/// folder or a local one (for example an offline copy).
public enum MNISTMirror: Sendable, Equatable, CustomStringConvertible {
    /// A web folder, read over HTTP(S): each archive is downloaded from the URL plus its compressed name.
    case web(URL)
    /// A local folder (an offline copy, say) whose archives are read from disk.
    case folder(URL)

    /// Reads a mirror as the user writes it: an `http://` or `https://` URL is a web mirror,
    /// anything else a local folder path (relative paths start at the current directory).
    public init(_ text: String) {
        let lowercased = text.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://"),
            let url = URL(string: text)
                ?? text.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed).flatMap(URL.init(string:))
        {
            self = .web(url)
        } else {
            self = .folder(URL(fileURLWithPath: text, isDirectory: true))
        }
    }

    /// The public HTTPS mirrors of the original archives (the ones torchvision and
    /// TensorFlow use), in the order to try them.
    public static let defaults: [MNISTMirror] = [
        .web(URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!),
        .web(URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/")!),
    ]

    public var description: String {
        switch self {
        case let .web(url): url.absoluteString
        case let .folder(url): url.path
        }
    }

    /// The archive bytes of `file` as this mirror has them, not yet checked. A web mirror
    /// gives up when the server is silent for `timeout` seconds.
    func archive(of file: MNISTFile, timeout: TimeInterval) throws(Rejection) -> Data {
        switch self {
        case let .web(url): try Self.download(url.appendingPathComponent(file.compressedName), timeout: timeout)
        case let .folder(url): try Self.read(url.appendingPathComponent(file.compressedName))
        }
    }

    private static func read(_ url: URL) throws(Rejection) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Rejection("\(url.path) does not exist")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw Rejection("cannot read \(url.path): \(FileProblem.reason(error))")
        }
    }

    /// A blocking HTTP GET: the command line has nothing else to do while it waits.
    private static func download(_ url: URL, timeout: TimeInterval) throws(Rejection) -> Data {
        // Its own session because on Linux only the session's timeout is honoured, not the
        // request's.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }

        let finished = DispatchSemaphore(value: 0)
        // Written once by the completion handler, read only after the semaphore says it is done.
        nonisolated(unsafe) var result: (data: Data?, response: URLResponse?, error: (any Error)?)
        session.dataTask(with: url) { data, response, error in
            result = (data, response, error)
            finished.signal()
        }.resume()
        finished.wait()

        if let error = result.error {
            let reason =
                (error as? URLError)?.code == .timedOut
                ? "the server sent nothing for \(timeout.formatted()) s"
                : error.localizedDescription
            throw Rejection("cannot download \(url.absoluteString): \(reason)")
        }
        guard let response = result.response as? HTTPURLResponse, let data = result.data else {
            throw Rejection("cannot download \(url.absoluteString): the server sent no HTTP response")
        }
        guard response.statusCode == 200 else {
            let status = HTTPURLResponse.localizedString(forStatusCode: response.statusCode)
            throw Rejection("\(url.absoluteString) answered HTTP \(response.statusCode) (\(status))")
        }
        return data
    }
}
