import Foundation
import ServerRequests

/// The properties of what `mnist serve` reads from a request: the predict body (the canvas as
/// JSON, or an image by its content type), the training request, and report paths. The
/// input's first byte picks which, the second a `Content-Type` for the bodies.
enum ServerRequestProperties {
    static let predictTypes: [String?] = [
        "application/json", "image/png", "image/jpeg", "image/x-portable-graymap", "image/x-portable-pixmap",
        "Application/JSON; charset=utf-8", "text/plain", nil,
    ]
    static let trainingTypes: [String?] = ["application/json", "application/json; charset=utf-8", "text/plain", nil]

    static func check(_ bytes: Data) throws(PropertyViolation) {
        guard bytes.count >= 2 else { return }
        let body = bytes.dropFirst(2)
        switch bytes[bytes.startIndex] % 3 {
        case 0:
            try checkPrediction(body, contentType: predictTypes[Int(bytes[bytes.startIndex + 1]) % predictTypes.count])
        case 1:
            try checkTraining(body, contentType: trainingTypes[Int(bytes[bytes.startIndex + 1]) % trainingTypes.count])
        default: try checkPath(String(decoding: bytes.dropFirst(), as: UTF8.self))
        }
    }

    /// A predict body gives a 28×28 digit with ink, from an image within the pixel limit whose
    /// ink box lies inside it; or a 415 exactly when the type is neither an image nor JSON, or
    /// else a 400, each with a message.
    static func checkPrediction(_ body: Data, contentType: String?) throws(PropertyViolation) {
        let mediaType = contentType?.split(separator: ";").first?.lowercased()
        let accepted = mediaType == "application/json" || PredictionRequest.imageTypes.contains(mediaType ?? "")
        let request: PredictionRequest
        do {
            request = try PredictionRequest(body: body, contentType: contentType, pixelLimit: ParserHarness.pixelLimit)
        } catch {
            try PropertyViolation.require(
                error.status == (accepted ? 400 : 415) && !error.message.isEmpty,
                "a \(contentType ?? "untyped") body was refused with \(error.status): \(error.message)")
            return
        }
        try PropertyViolation.require(accepted, "a \(contentType ?? "untyped") body was read")
        try PropertyViolation.require(
            request.file == (mediaType == "application/json" ? "canvas" : "upload"), "a body read as \(request.file)")
        let (width, height) = request.imageSize
        try PropertyViolation.require(
            width > 0 && height > 0 && width * height <= ParserHarness.pixelLimit, "read a \(width)×\(height) image")
        let digit = request.digit
        try PropertyViolation.require(
            digit.pixels.count == 28 * 28 && digit.pixels.contains { $0 > 0 },
            "prepared \(digit.pixels.count) pixels, the brightest \(digit.pixels.max() ?? 0)")
        let box = digit.inkBox
        try PropertyViolation.require(
            !box.x.isEmpty && !box.y.isEmpty && box.x.lowerBound >= 0 && box.y.lowerBound >= 0
                && box.x.upperBound <= width && box.y.upperBound <= height,
            "the ink box \(box) is not inside the \(width)×\(height) image")
    }

    /// A training request read is within every bound; one refused gets a 415 exactly when it
    /// is not JSON, else a 400, with a message.
    static func checkTraining(_ body: Data, contentType: String?) throws(PropertyViolation) {
        let isJSON = contentType?.split(separator: ";").first?.lowercased() == "application/json"
        let request: TrainingRequest
        do {
            request = try TrainingRequest.parse(body, contentType: contentType)
        } catch {
            try PropertyViolation.require(
                error.status == (isJSON ? 400 : 415) && !error.message.isEmpty,
                "a training request was refused with \(error.status): \(error.message)")
            return
        }
        try PropertyViolation.require(isJSON, "a \(contentType ?? "untyped") training request was read")
        try PropertyViolation.require(
            (1...4).contains(request.hidden.count) && request.hidden.allSatisfy { (1...1024).contains($0) }
                && (1...30).contains(request.epochs) && request.learningRate > 0 && request.learningRate <= 1
                && (request.limit ?? 1) >= 1,
            "a training request out of bounds was read: \(request)")
    }

    /// A report path names one of the folder's own files, or nothing: never a file outside,
    /// whatever the `..`, percent-encoding or symbolic links; read as sent (`file(at:)`) and as
    /// the server's file middleware passes it on, already decoded (`file(atDecodedPath:)`).
    static func checkPath(_ path: String) throws(PropertyViolation) {
        for file in [fixture.folder.file(at: path), fixture.folder.file(atDecodedPath: path)].compactMap(\.self) {
            try PropertyViolation.require(
                fixture.inside.contains(file.path), "\(path.debugDescription) resolved to \(file.path)")
        }
    }

    /// A report folder with files, a subfolder, and symbolic links that point inside and outside,
    /// made once per process: the folder and the regular files inside it.
    static let fixture: (folder: ServedFolder, inside: Set<String>) = {
        let manager = FileManager.default
        let outside = manager.temporaryDirectory.appendingPathComponent("mnist-fuzz-report-\(getpid())")
            .resolvingSymlinksInPath()
        let root = outside.appendingPathComponent("report")
        try? manager.removeItem(at: outside)
        let files = ["index.html", "a.txt", "sub/index.html", "sub/b.png"]
        do {
            try manager.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
            for file in files { try Data(file.utf8).write(to: root.appendingPathComponent(file)) }
            let links = [
                "link-in": "a.txt", "link-out": "../secret.txt", "folder-out": "..", "absolute-out": outside.path,
                "sub/up": "../index.html",
            ]
            for (link, target) in links {
                try manager.createSymbolicLink(
                    atPath: root.appendingPathComponent(link).path, withDestinationPath: target)
            }
            return (try ServedFolder(root), Set(files.map { root.appendingPathComponent($0).path }))
        } catch {
            fatalError("cannot make the report folder fixture in \(outside.path): \(error)")
        }
    }()
}
