#if Server
import Foundation
import MNIST
import TestSupport
import Testing

/// `GET /api/model/map` and predict's `map_point` against a projection computed
/// independently with NumPy (`Tests/Interop/pca_map.py`, with the venv's Python from `make
/// venv`; skipped, with a message, without it); and the map's refusals.
@Suite struct MapAPITests {
    static let python = Fixtures.packageRoot.appendingPathComponent(".venv/bin/python")

    /// Whether the venv's Python can import NumPy and safetensors.
    static let hasNumPy: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? Fixtures.run(python.path, ["-c", "import numpy, safetensors"])) != nil
    }()

    @Test(.enabled(if: hasNumPy, "NumPy is not in .venv: run `make venv` to include the map's NumPy check"))
    func theMapAndTheDrawnDigitsPlaceMatchNumPy() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let folder = Fixtures.temporaryDirectory("map")
        defer { try? FileManager.default.removeItem(at: folder) }

        // Before the map is computed, an answer has no map_point; after, it has one.
        let body = try Data(contentsOf: fixture.digits[0].png)
        let before = try server.request("POST", "/api/predict", headers: ["Content-Type": "image/png"], body: body)
        #expect(before.status == 200 && before.json["map_point"] == nil)
        let map = try server.request("GET", "/api/model/map")
        #expect(map.status == 200, "\(map.text)")
        #expect(map.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect((map.json["points"] as? [Any])?.count == 10_000)
        #expect(map.json["units"] as? Int == 128)
        try map.body.write(to: folder.appendingPathComponent("map.json"))
        var answers: [String] = []
        for digit in fixture.digits.prefix(3) {
            let reply = try server.request(
                "POST", "/api/predict", headers: ["Content-Type": "image/png"], body: try Data(contentsOf: digit.png))
            #expect(reply.json["map_point"] is [String: Double], "\(reply.text.prefix(200))")
            let file = folder.appendingPathComponent("predict-\(answers.count).json")
            try reply.body.write(to: file)
            answers.append(file.path)
        }
        // Asked again, the same answer (computed once).
        #expect(try server.request("GET", "/api/model/map").body == map.body)
        #expect(server.stop().status == 0)

        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Interop/pca_map.py").path
        let result = try Fixtures.execute(
            Self.python,
            [script, fixture.model.path, fixture.data.path, folder.appendingPathComponent("map.json").path]
                + answers, directory: Fixtures.packageRoot)
        print("the map against NumPy:\n\(result.output)")
        #expect(result.status == 0, "\(result.output)\(result.error)")
    }

    /// `GET /api/model/map/image?index=N` answers test image N as the MNIST file holds it,
    /// and refuses an index that is missing, not a number or out of range with a JSON 4xx.
    @Test func oneTestImageOfTheMapAndTheRefusals() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        for (index, digit) in fixture.digits.enumerated().prefix(3) {
            let reply = try server.request("GET", "/api/model/map/image?index=\(index)")
            #expect(reply.status == 200, "\(reply.text)")
            #expect((reply.json["pixels"] as? [[Int]])?.flatMap { $0 } == digit.pixels.map(Int.init))
            #expect(reply.json["label"] as? Int == digit.label && reply.json["index"] as? Int == index)
        }
        let map = try server.request("GET", "/api/model/map").json["points"] as? [[String: Any]] ?? []
        let image = try server.request("GET", "/api/model/map/image?index=9999").json
        #expect(
            image["x"] as? Double == map.last?["x"] as? Double
                && image["predicted"] as? Int == map.last?["predicted"] as? Int)
        for (query, status) in [
            ("", 400), ("?index=seven", 400), ("?index=-1", 404), ("?index=10000", 404), ("?index=1e3", 400),
        ] {
            let reply = try server.request("GET", "/api/model/map/image\(query)")
            #expect(reply.status == status, "\(query): \(reply.text)")
            #expect(reply.json["error"] is String, "\(query)")
        }
        #expect(try server.request("POST", "/api/model/map/image?index=1").status == 405)
        #expect(server.stop().status == 0)
    }

    @Test func withoutTheTestFilesTheMapIsA503ThatSaysSo() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let empty = Fixtures.temporaryDirectory("no-data")
        defer { try? FileManager.default.removeItem(at: empty) }
        let server = try RunningServer(model: fixture.model, ["--data", empty.path])
        let reply = try server.request("GET", "/api/model/map")
        #expect(reply.status == 503)
        #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
        let message = reply.json["error"] as? String ?? ""
        #expect(message.contains("test images") && message.contains("mnist fetch"), "\(message)")
        // Predictions go on, without a place on the map.
        let predicted = try server.request(
            "POST", "/api/predict", headers: ["Content-Type": "image/png"],
            body: try Data(contentsOf: fixture.digits[0].png))
        #expect(predicted.status == 200 && predicted.json["map_point"] == nil)
        #expect(try server.request("GET", "/api/model/map/image?index=0").status == 503)
        for method in ["POST", "DELETE"] {
            let refused = try server.request(method, "/api/model/map")
            #expect(refused.status == 405 && refused.json["error"] is String, "\(method)")
        }
        #expect(server.stop().status == 0)
    }
}
#endif
