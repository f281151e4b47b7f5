#if Server
import Foundation
import MNIST
import TestSupport
import Testing

/// Training from the page: a tiny run start to finish, its live events, the 409 on a second
/// start, cancelling, the download, and the bounds.
@Suite struct TrainingAPITests {
    static let json = ["Content-Type": "application/json"]

    static func start(_ server: RunningServer, _ request: String) throws -> RawHTTP.Reply {
        try server.request("POST", "/api/train", headers: json, body: Data(request.utf8))
    }

    /// The run's server-sent events, read until the run ends: (name, data) pairs.
    static func events(_ server: RunningServer) throws -> [(name: String, data: [String: Any])] {
        let reply = try server.request("GET", "/api/train/events")
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/event-stream")
        return reply.text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
            else { return nil }
            return (String(name), object)
        }
    }

    @Test func aTinyRunTrainsReportsAndReplacesTheModel() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let servedFirstLayer = try server.request("GET", "/api/model/first-layer").json["version"] as? String
        let started = try Self.start(server, #"{"hidden": [16], "epochs": 2, "learning_rate": 0.05, "limit": 2000}"#)
        #expect(started.status == 202, "\(started.text)")
        #expect(started.json["phase"] as? String == "running")

        let events = try Self.events(server)
        let names = events.map(\.name)
        #expect(names.first == "start" && names.last == "done", "\(names)")
        #expect(names.filter { $0 == "epoch" }.count == 2)
        #expect(names.contains("progress"))
        #expect(events.first?.data["training_images"] as? Int == 2000)
        let done = events.last?.data ?? [:]
        #expect((done["test_accuracy"] as? Double ?? 0) > 0.5)

        let download = try server.request("GET", "/api/train/model.safetensors")
        #expect(download.status == 200)
        #expect(download.headers["content-disposition"]?.contains(".safetensors") == true)
        let file = fixture.folder.appendingPathComponent("downloaded.safetensors")
        try download.body.write(to: file)
        let model = try ModelFile.load(from: file)
        #expect(model.network.architecture == "784-16-10")
        #expect(model.metadata["test_accuracy"].flatMap(Double.init) == done["test_accuracy"] as? Double)
        #expect(model.metadata["epochs"] == "2" && model.metadata["lr"] != nil)

        let card = try server.request("GET", "/api/model").json
        #expect(card["architecture"] as? String == "784-16-10" && card["source"] as? String == "trained")
        // The run's report, as `mnist train --report` writes it, is now the served model's.
        #expect(card["report"] as? String == "/report/")
        let report = try server.request("GET", "/report/")
        #expect(
            report.status == 200 && report.text.contains("from the page of mnist serve (run 1)"), "\(report.status)")
        #expect(try server.request("GET", "/report/first-layer.png").headers["content-type"] == "image/png")
        // The learning curves, drawn by the server as the report draws them.
        let loss = try server.request("GET", "/api/train/charts/loss.svg")
        #expect(loss.status == 200 && loss.headers["content-type"] == "image/svg+xml")
        #expect(loss.text.hasPrefix("<svg") && loss.text.contains("log scale"))
        let accuracy = try server.request("GET", "/api/train/charts/accuracy.svg").text
        #expect(accuracy.contains("validation") && accuracy.contains("test, final"))
        let predicted = try server.request(
            "POST", "/api/predict", headers: ["Content-Type": "image/png"],
            body: try Data(contentsOf: fixture.digits[0].png))
        #expect((predicted.json["hidden_activations"] as? [[Double]])?.first?.count == 16)
        // The page's copy of the first layer is stale: the answer names a new version, which the
        // first-layer endpoint now serves, with the new model's 16 units.
        let firstLayer = try server.request("GET", "/api/model/first-layer").json
        #expect(servedFirstLayer != nil && predicted.json["first_layer_version"] as? String != servedFirstLayer)
        #expect(firstLayer["version"] as? String == predicted.json["first_layer_version"] as? String)
        #expect((firstLayer["units"] as? [Any])?.count == 16)
        // The downloaded model answers `mnist predict` exactly as the server does.
        let cli = try PredictionAPITests.cliRecord(fixture, fixture.digits[0].png, model: file)
        #expect((cli["probabilities"] as? [Double]) == (predicted.json["probabilities"] as? [Double]))
        #expect(server.stop().status == 0)
    }

    @Test func oneRunAtATimeAndARunCanBeCancelled() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        #expect(try server.request("DELETE", "/api/train").status == 409, "nothing to cancel yet")
        let long = #"{"hidden": [256, 256], "epochs": 30, "learning_rate": 0.03}"#
        #expect(try Self.start(server, long).status == 202)
        let second = try Self.start(server, long)
        #expect(second.status == 409)
        #expect((second.json["error"] as? String ?? "").contains("still going"))
        let cancelled = try server.request("DELETE", "/api/train")
        #expect(cancelled.status == 200, "\(cancelled.text)")
        let names = try Self.events(server).map(\.name)
        #expect(names.last == "cancelled", "\(names)")
        #expect(!names.contains("done"))
        #expect(try server.request("GET", "/api/train").json["phase"] as? String == "cancelled")
        #expect(try server.request("GET", "/api/train/model.safetensors").status == 404)
        #expect(try server.request("GET", "/api/model").json["source"] as? String == "file")
        #expect(server.stop().status == 0)
    }

    @Test func requestsOutOfBoundsAreRefused() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        for (request, phrase) in [
            (#"{"hidden": [8, 8, 8, 8, 8], "epochs": 1, "learning_rate": 0.1}"#, "1 to 4 layer widths"),
            (#"{"hidden": [2048], "epochs": 1, "learning_rate": 0.1}"#, "1 to 1024 units"),
            (#"{"hidden": [8], "epochs": 31, "learning_rate": 0.1}"#, "epochs must be 1 to 30"),
            (#"{"hidden": [8], "epochs": 1, "learning_rate": 0}"#, "learning_rate must be above 0"),
            (#"{"hidden": [8], "epochs": 1}"#, "has no learning_rate"),
            (#"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "limit": 63}"#, "limit must be at least 64"),
            (#"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "threads": 0}"#, "threads must be 1 to"),
            (#"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "threads": 999}"#, "threads must be 1 to"),
            (#"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "seed": -1}"#, "seed must be 0 or more"),
        ] {
            try StatusTests.expectRefusal(try Self.start(server, request), 400, mentioning: phrase, server: server)
        }
        try StatusTests.expectRefusal(
            try server.request("POST", "/api/train", headers: ["Content-Type": "text/plain"], body: Data("{}".utf8)),
            415, mentioning: "application/json", server: server)
        #expect(try server.request("GET", "/api/train").json["phase"] as? String == "none")
        #expect(try server.request("GET", "/api/train/events").status == 404)
        #expect(try server.request("GET", "/api/train/charts/loss.svg").status == 404)
        #expect(server.stop().status == 0)
    }

    /// The page's runs and `mnist train` are one training session: the same settings on one
    /// thread give the same model file, byte for byte, and another seed gives another.
    @Test func theSameSettingsGiveTheSameModelFileAsMnistTrain() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        var pageFiles: [Data] = []
        for seed in [7, 8] {
            let request =
                #"{"hidden": [32], "epochs": 2, "learning_rate": 0.05, "limit": 3000, "seed": \#(seed), "threads": 1}"#
            #expect(try Self.start(server, request).status == 202)
            #expect(try Self.events(server).last?.name == "done")
            pageFiles.append(try server.request("GET", "/api/train/model.safetensors").body)
        }
        #expect(server.stop().status == 0)

        let saved = fixture.folder.appendingPathComponent("same-as-the-page.safetensors")
        let cli = try MNISTBinary.run([
            "train", "--data", fixture.data.path, "--hidden", "32", "--epochs", "2", "--lr", "0.05", "--limit", "3000",
            "--seed", "7", "--threads", "1", "--save", saved.path,
        ])
        #expect(cli.status == 0, "\(cli.error)")
        let cliFile = try Data(contentsOf: saved)
        #expect(cliFile == pageFiles[0], "the page's run differs from mnist train's")
        #expect(cliFile != pageFiles[1], "another seed must give another model")
    }

    @Test func withoutDataThePageSaysHowToGetIt() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", "/nonexistent/mnist"])
        let training = try server.request("GET", "/api/model").json["training"] as? [String: Any] ?? [:]
        #expect(training["available"] as? Bool == false)
        #expect(training["dataset_title"] as? String == "MNIST")
        #expect((training["message"] as? String ?? "").contains("mnist fetch"))
        try StatusTests.expectRefusal(
            try Self.start(server, #"{"hidden": [8], "epochs": 1, "learning_rate": 0.1}"#), 503,
            mentioning: "mnist fetch", server: server)
        #expect(server.stop().status == 0)
    }

    @Test func withoutFashionDataThePageSaysHowToFetchFashion() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(
            model: fixture.model, ["--dataset", "fashion", "--data", "/nonexistent/fashion"])
        let training = try server.request("GET", "/api/model").json["training"] as? [String: Any] ?? [:]
        #expect(training["available"] as? Bool == false)
        #expect(training["dataset_title"] as? String == "Fashion-MNIST")
        #expect(
            training["message"] as? String
                == "Training needs the Fashion-MNIST files in /nonexistent/fashion: run `mnist fetch --dataset fashion --data /nonexistent/fashion`, then restart `mnist serve` (or pass --data DIR)."
        )
        #expect(server.stop().status == 0)
    }
}
#endif
