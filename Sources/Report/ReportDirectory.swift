import Foundation
import Images

/// The folder a report goes into, checked to be writable before any work starts, so that a
/// long training run never ends in a report that cannot be saved.
public struct ReportDirectory: Sendable {
    public let url: URL

    /// Creates the folder (and its parents) if needed and proves it writable by creating and
    /// removing a file in it.
    public init(preparing url: URL) throws(ReportError) {
        self.url = url.standardizedFileURL
        let path = self.url.path
        if let file = Self.firstFileOnPath(to: self.url) {
            throw .pathThroughFile(folder: path, file: file)
        }
        do {
            try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(folder: path, reason: FileProblem.reason(error))
        }
        let probe = self.url.appendingPathComponent(".write-test-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw .notWritable(folder: path, reason: FileProblem.reason(errno: errno))
        }
        try? FileManager.default.removeItem(at: probe)
    }

    /// Where the file `name` goes.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` as UTF-8 to `name`, atomically (a temporary file, then a rename).
    public func write(_ text: String, to name: String) throws(ReportError) {
        do {
            try Data(text.utf8).write(to: file(name), options: .atomic)
        } catch {
            throw .cannotWrite(file: file(name).path, reason: FileProblem.reason(error))
        }
    }

    /// Writes `image` as a PNG file `name`, atomically.
    public func write(_ image: PixelImage, to name: String) throws(ReportError) {
        do {
            try PNG.write(image, to: file(name))
        } catch {
            throw .cannotWrite(file: file(name).path, reason: error.description)
        }
    }

    /// The first existing path component of `url` (the folder itself included) that is not a
    /// folder, if any.
    private static func firstFileOnPath(to url: URL) -> String? {
        var path = ""
        for component in url.pathComponents.dropFirst() {
            path += "/" + component
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
            if !isFolder.boolValue { return path }
        }
        return nil
    }
}
