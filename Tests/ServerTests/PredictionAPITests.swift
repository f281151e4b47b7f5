#if Server
import Charts
import Foundation
import MNIST
import Synchronization
import TestSupport
import Testing

/// `mnist serve`'s prediction API against `mnist predict` on the same files, and the page's
/// extras, on a real server on 127.0.0.1.
@Suite struct PredictionAPITests {
    static let pngHeaders = ["Content-Type": "image/png"]

    /// `mnist predict --json --show`'s record of `file`.
    static func cliRecord(_ fixture: ServerFixture, _ file: URL, model: URL? = nil) throws -> [String: Any] {
        let model = model ?? fixture.model
        let result = try MNISTBinary.run(["predict", "--json", "--show", "--model", model.path, file.path])
        #expect(result.status == 0, "\(result.error)")
        let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        return (document?["results"] as? [[String: Any]])?.first ?? [:]
    }

    @Test func answersLikeMNISTPredictOnTheSameFile() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        for digit in fixture.digits.prefix(4) {
            for (file, type) in [(digit.png, "image/png"), (digit.pgm, "image/x-portable-graymap")] {
                let reply = try server.request(
                    "POST", "/api/predict", headers: ["Content-Type": type], body: try Data(contentsOf: file))
                #expect(reply.status == 200, "\(reply.text)")
                #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
                let served = reply.json
                let cli = try Self.cliRecord(fixture, file)
                for key in ["digit", "probability", "runner_up", "runner_up_probability", "dark_ink_on_light_paper"] {
                    #expect(
                        (served[key] as? NSNumber) == (cli[key] as? NSNumber), "\(key) of \(file.lastPathComponent)")
                }
                #expect((served["probabilities"] as? [Double]) == (cli["probabilities"] as? [Double]))
                #expect((served["probabilities"] as? [Double])?.count == 10)
                #expect((served["input"] as? [[Int]]) == (cli["input"] as? [[Int]]) && served["input"] != nil)
                #expect((served["ink_box"] as? [String: Int]) == (cli["ink_box"] as? [String: Int]))
            }
        }
        #expect(server.stop().status == 0)
    }

    @Test func mostTestDigitsAreRead() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        var right = 0
        for digit in fixture.digits {
            let reply = try server.request(
                "POST", "/api/predict", headers: Self.pngHeaders, body: try Data(contentsOf: digit.png))
            if reply.json["digit"] as? Int == digit.label { right += 1 }
        }
        #expect(right >= 8, "\(right) of 10 test digits read right")
        server.stop()
    }

    @Test func showsActivationsAndTheWeightsOfTheUnitsThatFired() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        let reply = try server.request(
            "POST", "/api/predict", headers: Self.pngHeaders, body: try Data(contentsOf: fixture.digits[0].png))
        let layers = reply.json["hidden_activations"] as? [[Double]] ?? []
        #expect(layers.map(\.count) == [128], "one layer of 128 units")
        #expect(layers.first?.allSatisfy { $0 >= 0 } == true, "ReLU outputs are never negative")
        let units = reply.json["top_units"] as? [[String: Any]] ?? []
        #expect(units.count == 8)
        let activations = units.compactMap { $0["activation"] as? Double }
        #expect(activations == activations.sorted(by: >), "strongest first")
        for unit in units {
            let index = unit["unit"] as? Int ?? -1
            #expect(layers[0][index] == unit["activation"] as? Double)
        }

        // The units' weights come once per model from /api/model/first-layer, the version the
        // answer names: the model file's first-layer rows, each scaled so its largest is ±127.
        let firstLayer = try server.request("GET", "/api/model/first-layer")
        #expect(firstLayer.status == 200)
        let version = firstLayer.json["version"] as? String
        #expect(version != nil && version == reply.json["first_layer_version"] as? String)
        #expect(firstLayer.headers["etag"] == "\"\(version ?? "")\"")
        let rows = firstLayer.json["units"] as? [[String: Any]] ?? []
        let weights = try ModelFile.load(from: fixture.model).network.layers[0].weight.value
        #expect(rows.count == weights.rows)
        for (unit, row) in rows.enumerated() {
            let scale = row["scale"] as? Double ?? 0
            let quantized = row["weights"] as? [Int] ?? []
            let floats = (0..<weights.columns).map { weights.storage[unit * weights.columns + $0] }
            #expect(Float(scale) == floats.map(abs).max())
            #expect(quantized == floats.map { Int(($0 / Float(scale) * 127).rounded()) }, "unit \(unit)")
        }

        // Asked again with the version it has, the page is told its copy is current.
        let again = try server.request(
            "GET", "/api/model/first-layer", headers: ["If-None-Match": "\"\(version ?? "")\""])
        #expect(again.status == 304 && again.body.isEmpty)
        let stale = try server.request("GET", "/api/model/first-layer", headers: ["If-None-Match": "\"0\""])
        #expect(stale.status == 200 && stale.json["version"] as? String == version)
        server.stop()
    }

    /// The page draws weights and activations with the report's colour maps, as lookup tables
    /// from the server, with the same legends.
    @Test func thePageGetsTheReportsColours() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        let look = try server.request("GET", "/api/look")
        #expect(look.status == 200)
        let weights = look.json["weights"] as? [String: Any] ?? [:]
        let activations = look.json["activations"] as? [String: Any] ?? [:]
        let weightPalette = weights["palette"] as? [String] ?? []
        #expect(weightPalette.count == 255 && (activations["palette"] as? [String])?.count == 256)
        for q in [-127, -40, 0, 63, 127] {
            #expect(weightPalette[q + 127] == ColorMap.weights(0.5 + Double(q) / 254).hex, "weight \(q)")
        }
        #expect(weightPalette[127] == "#f7f7f7", "a weight of 0 is white")
        #expect(weights["legend"] as? String == ColorLegend.weights.svg())
        #expect((activations["palette"] as? [String])?.last == ColorMap.activations(1).hex)
        server.stop()
    }

    @Test func theCanvasAsJSONReadsLikeTheSamePixelsInAFile() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        let digit = fixture.digits[1]
        let canvas = try JSONSerialization.data(withJSONObject: [
            "width": 28, "height": 28, "pixels": digit.pixels.map(Int.init),
        ])
        let fromJSON = try server.request(
            "POST", "/api/predict", headers: ["Content-Type": "application/json"], body: canvas)
        let fromFile = try server.request(
            "POST", "/api/predict", headers: ["Content-Type": "image/x-portable-graymap"],
            body: try Data(contentsOf: digit.pgm))
        #expect(fromJSON.status == 200, "\(fromJSON.text)")
        #expect(fromJSON.json["file"] as? String == "canvas")
        #expect((fromJSON.json["probabilities"] as? [Double]) == (fromFile.json["probabilities"] as? [Double]))
        server.stop()
    }

    /// Many clients at once get the answer one client gets alone.
    @Test func concurrentRequestsGetTheSameAnswers() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        let bodies = try fixture.digits.map { try Data(contentsOf: $0.png) }
        let alone = try bodies.map {
            try server.request("POST", "/api/predict", headers: Self.pngHeaders, body: $0).json["probabilities"]
                as? [Double]
        }
        let mismatches = Mutex(0)
        let port = server.port
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            for round in 0..<20 {
                let index = (client + round) % bodies.count
                let reply = try? RawHTTP.request(
                    port: port, "POST", "/api/predict", headers: Self.pngHeaders, body: bodies[index])
                if reply?.json["probabilities"] as? [Double] != alone[index] { mismatches.withLock { $0 += 1 } }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
        #expect(server.stop().status == 0)
    }
}
#endif
