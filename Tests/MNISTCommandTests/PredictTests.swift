import Foundation
import Images
import MNIST
import NeuralNet
import TestSupport
import Testing

/// `mnist predict` on image files the tests write: photos of MNIST test digits as PNG, JPEG
/// and PGM, and each kind of bad file.
@Suite(.serialized) struct PredictTests {
    struct Fixture {
        var model: URL
        var folder: URL
        var photos: [(file: URL, label: Int)]
    }

    /// A small model trained once by `mnist train --save`, and the first test digits as
    /// photos; nil without the MNIST data.
    static let setup = Result { () throws -> Fixture? in
        guard let mirror = Fixtures.sharedMNIST else { return nil }
        let test = try MNISTDirectory(mirror).testSet()
        let folder = Fixtures.reusedDirectory("predict-fixture")
        let model = folder.appendingPathComponent("small.safetensors")
        let training = try CLI.run([
            "train", "--data", mirror.path, "--limit", "5000", "--validation", "0", "--epochs", "2", "--hidden", "64",
            "--threads", "1", "--save", model.path,
        ])
        guard training.status == 0 else {
            throw CocoaError(
                .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mnist train --save failed: \(training.error)"]
            )
        }

        var generator = RandomGenerator(seed: 21)
        var photos: [(URL, Int)] = []
        for index in 0..<6 {
            let photo = DigitPhoto.render(Array(test.pixels[index * 784..<(index + 1) * 784]), using: &generator)
            let name: String
            let bytes: Data
            switch index % 3 {
            case 0: (name, bytes) = ("digit\(index).png", try PNG.encode(photo))
            case 1: (name, bytes) = ("digit\(index).jpg", try JPEG.encode(photo, quality: 80))
            default:
                (name, bytes) = (
                    "digit\(index).pgm",
                    Data("P5 \(photo.width) \(photo.height) 255\n".utf8) + Data(GrayPixels.of(photo))
                )
            }
            let file = folder.appendingPathComponent(name)
            try bytes.write(to: file)
            photos.append((file, Int(test.labels[index])))
        }
        return Fixture(model: model, folder: folder, photos: photos)
    }

    @Test func printsTheDigitItsProbabilityAndTheRunnerUp() throws {
        guard let fixture = try Self.setup.get() else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run(["predict", "--model", fixture.model.path] + fixture.photos.map(\.file.path))
        #expect(result.status == 0, "\(result.error)")
        #expect(result.lines.count == fixture.photos.count)
        for (line, photo) in zip(result.lines, fixture.photos) {
            let match = try #require(
                line.wholeMatch(of: /(.+): (\d) \((\d+\.\d\d)%\), runner-up (\d) \((\d+\.\d\d)%\)/), "\(line)")
            #expect(String(match.1) == photo.file.path)
            #expect(Int(match.2) == photo.label, "\(line)")
            #expect(match.2 != match.4)
            #expect(Double(match.3)! >= Double(match.5)!)
        }
    }

    @Test func jsonGivesEveryProbabilityAndTheErrors() throws {
        guard let fixture = try Self.setup.get() else { return print("skipping: no ../shared/mnist") }
        let empty = fixture.folder.appendingPathComponent("empty.png")
        try Data().write(to: empty)
        let result = try CLI.run([
            "predict", "--model", fixture.model.path, "--json", fixture.photos[0].file.path, empty.path,
        ])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["model"] as? String == fixture.model.path)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 2)

        let good = results[0]
        #expect(good["file"] as? String == fixture.photos[0].file.path)
        let probabilities = try #require(good["probabilities"] as? [Double])
        #expect(probabilities.count == 10)
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-4)
        let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        #expect(good["digit"] as? Int == ranked[0] && ranked[0] == fixture.photos[0].label)
        #expect(good["runner_up"] as? Int == ranked[1])
        let probability = try #require(good["probability"] as? Double)
        #expect(abs(probability - probabilities[ranked[0]]) < 1e-6)
        #expect(good["dark_ink_on_light_paper"] as? Bool == true)
        #expect(good["input"] == nil, "the 784 input values come only with --show")

        #expect(results[1]["file"] as? String == empty.path)
        #expect(results[1]["error"] as? String == "\(empty.path) is empty (0 bytes), not an image.")
        #expect(results[1]["digit"] == nil)

        let shown = try CLI.run([
            "predict", "--model", fixture.model.path, "--json", "--show", fixture.photos[0].file.path,
        ])
        let input = try #require(
            ((try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])?["results"]
                as? [[String: Any]])?[0]["input"] as? [[Int]])
        #expect(input.count == 28 && input.allSatisfy { $0.count == 28 })
        #expect(input.joined().max() == 255 && input.joined().min() == 0)
        // Each row of the image, and the ten probabilities, on a line of its own.
        let rowLines = shown.lines.filter { $0.wholeMatch(of: /\s*\[\d+(, \d+){27}\],?/) != nil }
        #expect(rowLines.count == 28, "\(shown.output)")
        #expect(shown.lines.contains { $0.contains("\"probabilities\" : [") && $0.hasSuffix("],") })
        #expect(shown.lines.count < 60, "\(shown.lines.count) lines")
        #expect(
            try CLI.run(["help", "predict"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                .contains("28 rows of 28 numbers from 0 (paper) to 255 (ink)"))
    }

    /// The text art is the 28×28 input: 28 rows of 56 characters in a frame, with ink in the
    /// middle rows and the border rows of the field empty (the digit fits 20×20).
    @Test func showPrintsTheInputTheNetworkSaw() throws {
        guard let fixture = try Self.setup.get() else { return print("skipping: no ../shared/mnist") }
        let result = try CLI.run(["predict", "--model", fixture.model.path, "--show", fixture.photos[1].file.path])
        #expect(result.status == 0)
        let lines = result.lines
        #expect(lines.count == 1 + 1 + 30)
        #expect(lines[1].contains("dark ink on light paper"))
        let frame = "  +" + String(repeating: "-", count: 56) + "+"
        #expect(lines[2] == frame && lines[31] == frame)
        let rows = lines[3..<31].map { $0.dropFirst(3).dropLast() }
        #expect(rows.allSatisfy { $0.count == 56 })
        #expect(
            rows.prefix(2).allSatisfy { $0.allSatisfy { $0 == " " } }
                && rows.suffix(2).allSatisfy { $0.allSatisfy { $0 == " " } })
        #expect(rows.joined().filter { "%@".contains($0) }.count >= 20, "strong ink in the middle")
    }

    /// Each bad file gets its own message, the good file is still predicted, and the exit
    /// status is 1.
    @Test func badFilesAreReportedAndTheOthersPredicted() throws {
        guard let fixture = try Self.setup.get() else { return print("skipping: no ../shared/mnist") }
        let folder = fixture.folder
        let photo = try ImageFile.read(fixture.photos[0].file)
        let png = try PNG.encode(photo)
        let jpeg = try JPEG.encode(photo)
        var huge = Data("P5 8000 7000 255\n".utf8)
        huge.append(contentsOf: [0, 0, 0])
        let cases: [(String, Data, String)] = [
            ("empty.png", Data(), "is empty (0 bytes), not an image."),
            (
                "notes.png", Data("shopping list\n".utf8),
                "is not an image in a format this tool reads (PNG, JPEG, PGM or PPM)."
            ),
            ("cut.png", png.prefix(png.count / 2), "is not a valid PNG file: "),
            ("cut.jpg", jpeg.prefix(jpeg.count / 2), "is not a valid JPEG file: Premature end of JPEG file."),
            (
                "blank.png", try PNG.encode(PixelImage(width: 300, height: 200, filledWith: [255, 255, 255])),
                "has no ink: it is blank"
            ),
            (
                "dot.png", try PNG.encode(PixelImage(width: 1, height: 1, filledWith: [0])),
                "is only 1×1 pixels; a digit image needs at least 8×8."
            ),
            ("huge.pgm", huge, "is 8000×7000 pixels, over the limit of 50 megapixels; scale it down first."),
        ]
        var arguments = ["predict", "--model", fixture.model.path, fixture.photos[0].file.path]
        for (name, bytes, _) in cases {
            let file = folder.appendingPathComponent(name)
            try bytes.write(to: file)
            arguments.append(file.path)
        }
        let result = try CLI.run(arguments)
        #expect(result.status == 1)
        #expect(
            result.lines.count == 1
                && result.lines[0].hasPrefix("\(fixture.photos[0].file.path): \(fixture.photos[0].label) ("))
        let errors = result.error.split(separator: "\n").map(String.init)
        #expect(errors.count == cases.count + 1)
        for (index, (name, _, message)) in cases.enumerated() {
            #expect(
                errors[index].hasPrefix("Error: \(folder.appendingPathComponent(name).path) \(message)"),
                "\(errors[index])")
        }
        #expect(errors.last == "\(cases.count) of \(cases.count + 1) images could not be recognized.")
    }

    /// `evaluate --as-photos` reports the accuracy on photos and on the originals; the latter
    /// is what plain `evaluate` says for the same images.
    @Test func evaluateAsPhotosReportsBothAccuracies() throws {
        guard let fixture = try Self.setup.get(), let mirror = Fixtures.sharedMNIST else {
            return print("skipping: no ../shared/mnist")
        }
        let common = [
            "evaluate", "--model", fixture.model.path, "--data", mirror.path, "--limit", "200", "--threads", "1",
        ]
        let photos = try CLI.run(common + ["--as-photos"])
        #expect(photos.status == 0, "\(photos.error)")
        #expect(
            photos.lines[1].hasPrefix(
                "evaluated 200 test images as photos (PNG and JPEG, read back and prepared) from "))
        let comparison = try #require(photos.lines.dropLast().last)
        let match = try #require(
            comparison.wholeMatch(
                of: /on the original 28×28 images: (\d+\.\d\d)%; as photos: (\d+\.\d\d)% \(([+-]\d+\.\d\d) points\)/),
            "\(comparison)")
        let (original, asPhotos, points) = (Double(match.1)!, Double(match.2)!, Double(match.3)!)
        #expect(abs(asPhotos - original - points) < 0.006)
        #expect(photos.lines.last == "test accuracy: \(match.2)%")
        #expect(asPhotos >= original - 5, "photos are read nearly as well as the originals")

        let plain = try CLI.run(common)
        #expect(plain.lines.last == "test accuracy: \(match.1)%")
        #expect(!plain.output.contains("as photos"))

        let json = try CLI.run(common + ["--as-photos", "--json", "-"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["as_photos"] as? Bool == true)
        #expect(abs((document["original_accuracy"] as? Double ?? -1) * 100 - original) < 0.006)
        #expect(abs((document["accuracy"] as? Double ?? -1) * 100 - asPhotos) < 0.006)
    }

    /// `--pen thin` draws the digits as 1-pixel lines; the stroke-width normalization brings
    /// them back close to the thick-pen accuracy.
    @Test func evaluateAsThinPenPhotos() throws {
        guard let fixture = try Self.setup.get(), let mirror = Fixtures.sharedMNIST else {
            return print("skipping: no ../shared/mnist")
        }
        let common = [
            "evaluate", "--model", fixture.model.path, "--data", mirror.path, "--limit", "200", "--threads", "1",
            "--as-photos",
        ]
        let thin = try CLI.run(common + ["--pen", "thin"])
        #expect(thin.status == 0, "\(thin.error)")
        #expect(thin.lines[1].hasPrefix("evaluated 200 test images as photos drawn with a thin pen (PNG and JPEG, "))
        let accuracy = { (result: ProcessResult) in
            Double(result.lines.last?.firstMatch(of: /(\d+\.\d\d)%/)?.1 ?? "") ?? -1
        }
        let thick = try CLI.run(common)
        #expect(accuracy(thin) >= accuracy(thick) - 5, "thin \(accuracy(thin))%, thick \(accuracy(thick))%")

        let json = try CLI.run(common + ["--pen", "thin", "--json", "-"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["pen"] as? String == "thin")

        let alone = try CLI.run(["evaluate", "--model", fixture.model.path, "--pen", "thin"])
        #expect(alone.status == 64 && alone.error.contains("--pen chooses how --as-photos draws; add --as-photos."))
    }

    @Test func evaluateRefusesAZeroLimit() throws {
        let result = try CLI.run(["evaluate", "--model", "/nonexistent/m.safetensors", "--limit", "0"])
        #expect(result.status != 0)
        #expect(result.error.contains("--limit must be at least 1 image (got 0)."))
    }

    @Test func missingModelIsReported() throws {
        let result = try CLI.run(["predict", "--model", "/nonexistent/model.safetensors", "/nonexistent/digit.png"])
        #expect(result.status == 1)
        #expect(result.error.contains("/nonexistent/model.safetensors"))
    }
}

/// An image's luma as one byte per pixel, for writing PGM files.
enum GrayPixels {
    static func of(_ image: PixelImage) -> [UInt8] {
        (0..<image.width * image.height).map { p in
            let rgb = image.pixels[p * 3..<p * 3 + 3].map(Int.init)
            return UInt8((299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000)
        }
    }
}
