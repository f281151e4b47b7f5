import Foundation
import Images
import MNIST
import NeuralNet
import TestSupport
import Testing

/// `mnist predict --explain DIR`: one overlay PNG per image, whose tints follow the
/// saliency `DigitClassifier.explain` computes for the input the network saw, written
/// atomically; and a folder that cannot be written is refused before any work.
@Suite(.serialized) struct ExplainTests {
    @Test func writesOneOverlayPerImageTintedByTheSaliency() throws {
        guard let fixture = try PredictTests.setup.get() else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("explain").appendingPathComponent("why")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let files = fixture.photos.prefix(3).map(\.file.path)
        let plain = try CLI.run(["predict", "--model", fixture.model.path] + files)
        let explained = try CLI.run(["predict", "--model", fixture.model.path, "--explain", folder.path] + files)
        #expect(explained.status == 0, "\(explained.error)")
        #expect(explained.output == plain.output, "--explain changes no answer")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            written == ["digit0.explain.png", "digit1.explain.png", "digit2.explain.png"], "no temporary files left")

        let model = try ModelFile.load(from: fixture.model)
        let classifier = DigitClassifier(
            network: model.network, normalization: model.normalization, kernel: ReferenceKernel())
        let json = try CLI.run(["predict", "--model", fixture.model.path, "--json", "--show"] + files)
        let records = (try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["results"]
        for (index, record) in (records as? [[String: Any]] ?? []).enumerated() {
            let input = ((record["input"] as? [[Int]]) ?? []).flatMap { $0 }.map(UInt8.init)
            let saliency = classifier.explain(input).saliency
            let overlay = try ImageFile.read(folder.appendingPathComponent("digit\(index).explain.png"))
            #expect(overlay.width == 280 && overlay.height > 280)
            // The cell of the pixel that most favours the answer is red; the one that most
            // favours the runner-up, blue (10× enlarged: the cell's centre).
            func color(ofPixel pixel: Int) -> (red: Int, blue: Int) {
                let (x, y) = ((pixel % 28) * 10 + 5, (pixel / 28) * 10 + 5)
                return (Int(overlay[x: x, y: y, channel: 0]), Int(overlay[x: x, y: y, channel: 2]))
            }
            let strongest = saliency.indices.max { saliency[$0] < saliency[$1] }!
            let weakest = saliency.indices.min { saliency[$0] < saliency[$1] }!
            #expect(color(ofPixel: strongest).red > color(ofPixel: strongest).blue + 60, "image \(index)")
            #expect(color(ofPixel: weakest).blue > color(ofPixel: weakest).red + 60, "image \(index)")
        }
    }

    @Test func aFolderThatCannotBeWrittenIsRefusedFirst() throws {
        guard let fixture = try PredictTests.setup.get() else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("explain-refused")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        for (path, says) in [
            (file.path, "is a file"), (file.appendingPathComponent("below").path, "cannot be created"),
        ] {
            let result = try CLI.run(
                ["predict", "--model", fixture.model.path, "--explain", path, fixture.photos[0].file.path])
            #expect(result.status != 0)
            #expect(result.error.contains("--explain \(path)") && result.error.contains(says), "\(result.error)")
            #expect(result.output.isEmpty, "no answer before the refusal")
        }
    }

    @Test func twoImagesOfOneNameAreRefusedBeforeAnyIsWritten() throws {
        guard let fixture = try PredictTests.setup.get() else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("explain-same-name")
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let photo = fixture.photos[0].file
        let twin = other.appendingPathComponent(photo.lastPathComponent)
        try FileManager.default.copyItem(at: photo, to: twin)
        let out = folder.appendingPathComponent("why")

        let result = try CLI.run([
            "predict", "--model", fixture.model.path, "--explain", out.path, photo.path, twin.path,
        ])
        let name = photo.deletingPathExtension().lastPathComponent + ".explain.png"
        #expect(result.status != 0)
        #expect(
            result.error.contains("\(photo.path) and \(twin.path) would both be written as \(name)"), "\(result.error)")
        #expect(result.output.isEmpty && !FileManager.default.fileExists(atPath: out.path), "nothing read or written")

        let again = try CLI.run([
            "predict", "--model", fixture.model.path, "--explain", out.path, photo.path, photo.path,
        ])
        #expect(again.status == 0, "the same file twice writes one overlay: \(again.error)")
    }
}
