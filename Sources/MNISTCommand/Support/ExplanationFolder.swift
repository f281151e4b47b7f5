import ArgumentParser
import Foundation
import Images
import MNIST
import Report

/// The folder of `mnist predict --explain`: one saliency overlay PNG per image
/// (`SaliencyOverlay`), written atomically.
enum ExplanationFolder {
    /// Creates `path` if it is missing; fails, before any work, unless it is a writable folder.
    static func prepare(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ValidationError("--explain \(path) is a file; give a folder for the explanation images.")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ValidationError(
                    "--explain \(path): the folder cannot be created (\(error.localizedDescription)).")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw ValidationError("--explain \(path): the folder is not writable; give another one.")
        }
    }

    /// Fails, before any work, when two of `images` would write the same file (`a/7.png` and
    /// `b/7.png`, or `7.png` and `7.jpg`), naming both.
    static func checkNamesAreDistinct(_ images: [String]) throws {
        var imageByName: [String: String] = [:]
        for image in images {
            let name = fileName(for: image)
            if let earlier = imageByName[name], earlier != image {
                throw ValidationError(
                    "--explain: \(earlier) and \(image) would both be written as \(name); explain them in separate runs, or rename one."
                )
            }
            imageByName[name] = image
        }
    }

    /// `IMAGE-NAME.explain.png`: the image's file name without its folder and extension.
    static func fileName(for image: String) -> String {
        URL(fileURLWithPath: image).deletingPathExtension().lastPathComponent + ".explain.png"
    }

    /// Writes the overlay of `explanation` for the image at `image` as `IMAGE-NAME.explain.png` in `folder`.
    static func write(_ explanation: DigitExplanation, of digit: PreparedDigit, image: String, to folder: String) throws
    {
        let name = fileName(for: image)
        let overlay = SaliencyOverlay.image(input: digit.pixels, saliency: explanation.saliency)
        try PNG.write(overlay, to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
}
