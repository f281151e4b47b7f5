#if Server
import Foundation
import Images
import MNIST
import TestSupport
import Testing

/// The page and the API follow the served model's data set: "Draw a digit" for digits only,
/// class names for the others, photos prepared as Fashion-MNIST's were.
@Suite struct DataSetPageTests {
    @Test func aFashionModelAsksForAPictureAndNamesItsClasses() throws {
        let folder = Fixtures.temporaryDirectory("serve-fashion")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("fashion.safetensors")
        try ModelFile(
            network: TestNetworks.random(sizes: [784, 16, 10], seed: 4), normalization: DataSet.fashion.normalization,
            dataSet: .fashion
        ).save(to: model)
        let server = try RunningServer(model: model, ["--data", folder.path])
        defer { server.stop() }

        let card = try server.request("GET", "/api/model").json
        #expect(card["dataset"] as? String == "fashion")
        #expect(card["dataset_title"] as? String == "Fashion-MNIST")
        #expect(card["class_names"] as? [String] == DataSet.fashion.classNames)
        let wording = try #require(card["wording"] as? [String: String])
        #expect(wording["heading"] == "Upload a picture")
        #expect(wording["prompt"] == "Upload a picture of one item.")
        #expect(wording["seen"]?.contains("trimmed to the item") == true)
        #expect(wording["map_heading"] == "Where your picture lands")
        #expect(wording["map_note"]?.contains("Dots are coloured by true class") == true)
        #expect((card["metadata"] as? [String: String])?["dataset"] == nil, "each fact once")

        // A dark bag on white: trimmed, negated, and answered with its class's name.
        var photo = PixelImage(width: 160, height: 120, filledWith: [250, 250, 250])
        for y in 20..<100 {
            for x in 30..<130 {
                for channel in 0..<3 { photo[x: x, y: y, channel: channel] = 40 }
            }
        }
        let answer = try server.request(
            "POST", "/api/predict", headers: ["Content-Type": "image/png"], body: try PNG.encode(photo)
        ).json
        let digit = try #require(answer["digit"] as? Int)
        #expect(answer["class_name"] as? String == DataSet.fashion.classNames[digit])
        let input = try #require(answer["input"] as? [[Int]])
        #expect(input[0] == [Int](repeating: 5, count: 28), "the white background, negated")
        #expect(input[14][14] == 215, "the bag, negated")
    }

    @Test func aDigitModelStillSaysDrawADigit() throws {
        let folder = Fixtures.temporaryDirectory("serve-digits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("digits.safetensors")
        try ModelFile(network: TestNetworks.random(sizes: [784, 16, 10], seed: 4), normalization: .mnist).save(
            to: model)
        let server = try RunningServer(model: model, ["--data", folder.path])
        defer { server.stop() }
        let card = try server.request("GET", "/api/model").json
        #expect(card["dataset"] as? String == "mnist")
        #expect((card["wording"] as? [String: String])?["heading"] == "Draw a digit")
        #expect((card["wording"] as? [String: String])?["seen"] == nil, "the page's own note stands")
        #expect((card["wording"] as? [String: String])?["map_heading"] == nil, "the page's own map heading stands")
        let page = try server.request("GET", "/").text
        #expect(page.contains("<h1 id=\"heading\">Draw a digit</h1>"))
    }
}
#endif
