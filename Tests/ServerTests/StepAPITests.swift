#if Server
import Foundation
import MNIST
import TestSupport
import Testing

/// Step mode of the page's training runs (`"mode": "step"`): one batch per `POST
/// /api/train/step` with what it did, `POST /api/train/run` on to the end, cancelling, the idle
/// limit, and the refusals.
@Suite struct StepAPITests {
    static func start(_ server: RunningServer, _ request: String) throws -> RawHTTP.Reply {
        try TrainingAPITests.start(server, request)
    }

    static func step(_ server: RunningServer) throws -> RawHTTP.Reply { try server.request("POST", "/api/train/step") }

    /// The units of a step answer, as JSON objects.
    static func units(_ step: RawHTTP.Reply) -> [[String: Any]] { step.json["units"] as? [[String: Any]] ?? [] }

    static func weights(_ drawing: Any?) -> [Int] { (drawing as? [String: Any])?["weights"] as? [Int] ?? [] }

    @Test func stepsOneBatchAtATimeThenRunsToTheEnd() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let started = try Self.start(
            server, #"{"hidden": [16, 12], "epochs": 1, "learning_rate": 0.05, "limit": 2000, "mode": "step"}"#)
        #expect(started.status == 202, "\(started.text)")
        #expect(started.json["mode"] as? String == "step")
        #expect((started.json["request"] as? [String: Any])?["mode"] as? String == "step")

        let first = try Self.step(server)
        #expect(first.status == 200, "\(first.text)")
        // The answers are what the OpenAPI document says they are.
        let document = try JSONValue.parse(try server.request("GET", "/api/openapi.json").body)
        let schemas = document["components"]?["schemas"]
        let check = SchemaCheck(document: document)
        #expect(check.problems(try JSONValue.parse(first.body), schemas?["TrainingStep"] ?? .null) == [])
        #expect(check.problems(try JSONValue.parse(started.body), schemas?["TrainingStatus"] ?? .null) == [])
        let answer = first.json
        #expect(answer["epoch"] as? Int == 1 && answer["batch"] as? Int == 1 && answer["step"] as? Int == 1)
        #expect(answer["batch_count"] as? Int == 32, "2,000 images in batches of 64")
        let loss = answer["loss"] as? Double ?? 0
        #expect(loss > 1 && loss < 10, "a fresh network guesses: \(loss)")
        #expect(answer["learning_rate"] as? Double ?? 0 > 0 && answer["learning_rate"] as? Double ?? 1 <= 0.05)
        #expect(answer["finished"] as? Bool == false)
        let norms = answer["gradient_norms"] as? [[String: Any]] ?? []
        #expect(norms.map { $0["layer"] as? Int } == [1, 2, 3])
        for norm in norms {
            #expect((norm["weights"] as? Double ?? 0) > 0 && (norm["biases"] as? Double ?? 0) > 0, "\(norm)")
        }
        let images = answer["images"] as? [[String: Any]] ?? []
        #expect(images.count == 64)
        let training = try MNISTDirectory(fixture.data).trainingSet()
        for image in images {
            let index = image["index"] as? Int ?? -1
            let pixels = (image["pixels"] as? [[Int]] ?? []).flatMap { $0 }
            #expect((0..<2000).contains(index) && image["label"] as? Int == Int(training.labels[index]))
            #expect(pixels == training.pixels[index * 784..<(index + 1) * 784].map(Int.init), "image \(index)")
        }
        let units = Self.units(first)
        #expect(units.count == 6)
        let changes = units.map { $0["change"] as? Double ?? 0 }
        #expect(changes == changes.sorted(by: >) && changes.allSatisfy { $0 > 0 }, "\(changes)")
        for unit in units {
            for part in ["before", "after", "difference"] {
                let drawing = Self.weights(unit[part])
                #expect(drawing.count == 784 && drawing.allSatisfy { (-127...127).contains($0) }, "\(part)")
                #expect(drawing.contains { abs($0) == 127 }, "\(part) is scaled to its own largest magnitude")
            }
            #expect(Self.weights(unit["before"]) != Self.weights(unit["after"]) || changes.min()! < 1e-4)
        }

        let second = try Self.step(server)
        #expect(second.status == 200, "\(second.text)")
        #expect(second.json["batch"] as? Int == 2 && second.json["step"] as? Int == 2)
        let firstIndices = Set(images.compactMap { $0["index"] as? Int })
        let secondIndices = Set((second.json["images"] as? [[String: Any]] ?? []).compactMap { $0["index"] as? Int })
        #expect(
            secondIndices.count == 64 && firstIndices.isDisjoint(with: secondIndices), "one epoch draws each image once"
        )
        #expect(try server.request("GET", "/api/train/charts/loss.svg").status == 200, "the loss chart shows the steps")

        let run = try server.request("POST", "/api/train/run")
        #expect(run.status == 200, "\(run.text)")
        let names = try TrainingAPITests.events(server).map(\.name)
        #expect(names.first == "start" && names.last == "done", "\(names)")
        let status = try server.request("GET", "/api/train").json
        #expect(status["phase"] as? String == "done" && status["mode"] as? String == "run")
        try StatusTests.expectRefusal(try Self.step(server), 409, mentioning: "has ended (done)", server: server)
        #expect(server.stop().status == 0)
    }

    /// A run of two epochs of one batch each, stepped to its end: each step's loss is its epoch's
    /// (the session's own figure), and the last step's weights are the model the server then serves.
    @Test func steppedToTheEndTheLastWeightsAreTheServedModels() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let request = #"{"hidden": [8], "epochs": 2, "learning_rate": 0.05, "limit": 64, "mode": "step"}"#
        #expect(try Self.start(server, request).status == 202)
        let steps = try (0..<2).map { _ in try Self.step(server) }
        #expect(steps.map(\.status) == [200, 200], "\(steps.map(\.text))")
        #expect(steps.map { $0.json["epoch"] as? Int } == [1, 2] && steps[1].json["finished"] as? Bool == true)
        let events = try TrainingAPITests.events(server)
        #expect(events.last?.name == "done", "\(events.map(\.name))")
        let epochLosses = events.filter { $0.name == "epoch" }.map { $0.data["loss"] as? Double }
        #expect(epochLosses == steps.map { $0.json["loss"] as? Double }, "each epoch is its one batch")

        let served = try server.request("GET", "/api/model/first-layer").json["units"] as? [[String: Any]] ?? []
        #expect(served.count == 8)
        for unit in Self.units(steps[1]) {
            let index = unit["unit"] as? Int ?? -1
            let after = unit["after"] as? [String: Any] ?? [:]
            #expect(Self.weights(after) == Self.weights(served[index]), "unit \(index)")
            let (scale, servedScale) = (after["scale"] as? Double ?? 0, served[index]["scale"] as? Double ?? 1)
            #expect(abs(scale - servedScale) <= 1e-6 * servedScale, "unit \(index)")
        }
        try StatusTests.expectRefusal(try Self.step(server), 409, mentioning: "has ended", server: server)
        #expect(server.stop().status == 0)
    }

    @Test func aRunInStepModeCanBeCancelledAndHoldsTheSlotUntilThen() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let request = #"{"hidden": [16], "epochs": 1, "learning_rate": 0.05, "limit": 2000, "mode": "step"}"#
        #expect(try Self.start(server, request).status == 202)
        #expect(try Self.step(server).status == 200)
        try StatusTests.expectRefusal(try Self.start(server, request), 409, mentioning: "step mode", server: server)
        #expect(try server.request("DELETE", "/api/train").status == 200)
        let events = try TrainingAPITests.events(server)
        #expect(events.last?.name == "cancelled", "\(events.map(\.name))")
        try StatusTests.expectRefusal(try Self.step(server), 409, mentioning: "has ended (cancelled)", server: server)
        #expect(try server.request("GET", "/api/model").json["source"] as? String == "file")
        #expect(try Self.start(server, request).status == 202, "a new run may start")
        #expect(server.stop().status == 0)
    }

    @Test func aRunLeftWaitingIsCancelledAfterTheStepTimeout() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path, "--step-timeout", "2"])
        let request = #"{"hidden": [16], "epochs": 1, "learning_rate": 0.05, "limit": 2000, "mode": "step"}"#
        #expect(try Self.start(server, request).status == 202)
        #expect(try Self.step(server).status == 200)
        let events = try TrainingAPITests.events(server)  // until the run ends by itself
        #expect(
            events.last?.name == "cancelled"
                && events.last?.data["message"] as? String == "the run waited 2 s for a step and was cancelled")
        #expect(try server.request("GET", "/api/train").json["phase"] as? String == "cancelled")
        #expect(try Self.start(server, request).status == 202, "the slot is free again")
        #expect(server.stop().status == 0)
    }

    @Test func stepsAndRunsOutOfStepModeAreRefused() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        for path in ["/api/train/step", "/api/train/run"] {
            try StatusTests.expectRefusal(
                try server.request("POST", path), 404, mentioning: "no training run has been started", server: server)
            try StatusTests.expectRefusal(
                try server.request("GET", path), 405, mentioning: "answers POST", server: server)
        }
        try StatusTests.expectRefusal(
            try Self.start(server, #"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "mode": "walk"}"#), 400,
            mentioning: #"mode must be one of run, step, not "walk""#, server: server)
        try StatusTests.expectRefusal(
            try Self.start(server, #"{"hidden": [8], "epochs": 1, "learning_rate": 0.1, "mode": 1}"#), 400,
            mentioning: "mode has the wrong type", server: server)
        #expect(try Self.start(server, #"{"hidden": [256, 256], "epochs": 30, "learning_rate": 0.03}"#).status == 202)
        for path in ["/api/train/step", "/api/train/run"] {
            try StatusTests.expectRefusal(
                try server.request("POST", path), 409, mentioning: "is not in step mode", server: server)
        }
        #expect(try server.request("DELETE", "/api/train").status == 200)
        #expect(try TrainingAPITests.events(server).last?.name == "cancelled")
        #expect(server.stop().status == 0)
    }
}
#endif
