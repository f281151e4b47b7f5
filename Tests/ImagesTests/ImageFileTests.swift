import Foundation
import TestSupport
import Testing

@testable import Images

@Suite struct ImageFileTests {
    /// The content decides the format: a PNG named .jpg and a JPEG named .png both decode.
    @Test func detectsTheFormatFromTheContentNotTheName() throws {
        let folder = Fixtures.temporaryDirectory("images")
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = TestImages.pattern(width: 6, height: 4, channels: 3)
        let pngNamedJPEG = folder.appendingPathComponent("photo.jpg")
        try PNG.encode(image).write(to: pngNamedJPEG)
        #expect(try ImageFile.read(pngNamedJPEG) == image)
        let jpegNamedPNG = folder.appendingPathComponent("drawing.png")
        try JPEG.encode(image).write(to: jpegNamedPNG)
        #expect(try ImageFile.read(jpegNamedPNG).width == 6)
    }

    @Test func emptyFile() {
        #expect(throws: ImageError.empty("e.png")) { try ImageFile.decode(Data(), name: "e.png") }
        #expect(ImageError.empty("e.png").description == "e.png is empty (0 bytes), not an image.")
    }

    @Test(arguments: ["hello, world\n", "GIF89a", "P1\n1 1\n1\n", "\u{89}PN"])
    func notAnImage(content: String) {
        #expect(throws: ImageError.unknownFormat("notes.txt")) {
            try ImageFile.decode(Data(content.utf8), name: "notes.txt")
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            try ImageFile.read(URL(fileURLWithPath: "/nonexistent/digit.png"))
        } throws: { error in
            guard case let .unreadable(name, _) = error as? ImageError else { return false }
            return name == "/nonexistent/digit.png"
        }
    }

    @Test func pixelLimitIsConfigurable() throws {
        let bytes = try PNG.encode(TestImages.pattern(width: 100, height: 60, channels: 1))
        #expect(throws: ImageError.tooLarge("p.png", width: 100, height: 60, pixelLimit: 5999)) {
            try ImageFile.decode(bytes, name: "p.png", pixelLimit: 5999)
        }
        #expect(try ImageFile.decode(bytes, name: "p.png", pixelLimit: 6000).width == 100)
    }
}
