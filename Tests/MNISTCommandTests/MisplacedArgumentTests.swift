import Foundation
import Images
import TestSupport
import Testing

/// Arguments given to the wrong command or in the wrong place get a message that says what
/// goes where, not the parser's or a parser's internals.
@Suite struct MisplacedArgumentTests {
    /// `train`'s flags for what a model file fixes, given to a command that reads a model.
    @Test(arguments: ["evaluate", "predict"])
    func modelDefinedFlagsSayTheModelFileDecides(command: String) throws {
        for (flag, words) in [
            ("--hidden", "layer sizes come"), ("--mean", "pixel mean comes"),
            ("--std", "pixel standard deviation comes"),
        ] {
            let images = command == "predict" ? ["x.png"] : []
            let result = try CLI.run([command, "--model", "/nonexistent/m.safetensors", flag, "128,64"] + images)
            #expect(result.status == 64)
            #expect(
                result.error.hasPrefix(
                    "Error: \(flag) is for mnist train: here the \(words)"),
                "\(result.error)")
            #expect(result.error.contains("from the model file given by --model"))
            #expect(!result.error.contains("Unknown option"))
        }
        // Still hidden from help: they are not options of this command.
        #expect(!(try CLI.run(["help", command])).output.contains("--hidden"))
    }

    /// An image or MNIST data file given as the model is named for what it is.
    @Test func modelPathHoldingAnImageOrDataSaysWhatItIs() throws {
        let folder = Fixtures.temporaryDirectory("swapped")
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = PixelImage(width: 32, height: 32, filledWith: [200, 200, 200])
        let idx = Fixtures.idx(dimensions: [2, 2], data: [1, 2, 3, 4])
        let files: [(String, Data, String)] = [
            ("seven.png", try PNG.encode(photo), "a PNG image"),
            ("seven.jpg", try JPEG.encode(photo), "a JPEG image"),
            ("seven.pgm", Data("P5 2 2 255\n".utf8) + Data([0, 1, 2, 3]), "a PGM/PPM image"),
            ("t10k-labels-idx1-ubyte", idx, "MNIST data (an IDX file)"),
            ("t10k-labels-idx1-ubyte.gz", try Fixtures.gzip(idx), "a gzip file (such as the MNIST data files)"),
        ]
        for (name, bytes, kind) in files {
            let file = folder.appendingPathComponent(name)
            try bytes.write(to: file)
            let result = try CLI.run(["predict", "--model", file.path, file.path])
            #expect(result.status == 1)
            #expect(
                result.error
                    == "Error: --model \(file.path) is \(kind), not a model; --model wants a file written by `mnist train --save`.\n"
            )
        }
        // A damaged model keeps the precise detail.
        let damaged = folder.appendingPathComponent("damaged.safetensors")
        try Data([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0x7B]).write(to: damaged)
        let result = try CLI.run(["evaluate", "--model", damaged.path])
        #expect(result.status == 1)
        #expect(
            result.error.contains("is not a valid safetensors file: its header length is 4294967295 bytes"),
            "\(result.error)")
    }
}
