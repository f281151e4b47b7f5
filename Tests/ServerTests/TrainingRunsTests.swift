#if Server
import Foundation
import MNIST
import NeuralNet
import ServerRequests
import Testing

@testable import MNISTServer

/// The runs started from the page, kept for comparison: their labels, the list, the chart of
/// them all, forgetting them, and the throttle on their progress events.
@Suite struct TrainingRunsTests {
    static func request(_ optimizer: OptimizerSettings.Kind = .sgd, lr: Float = 0.03, hidden: [Int] = [128, 64])
        -> TrainingRequest
    {
        TrainingRequest(hidden: hidden, epochs: 3, learningRate: lr, optimizer: optimizer)
    }

    @Test func labelsNameOnlyWhatDiffers() {
        #expect(
            RunLabels.labels([(1, Self.request()), (2, Self.request(.adam, lr: 0.001))])
                == ["SGD+momentum, lr 0.03", "Adam, lr 0.001"])
        #expect(
            RunLabels.labels([(1, Self.request()), (2, Self.request(lr: 0.1))]) == ["lr 0.03", "lr 0.1"])
        #expect(
            RunLabels.labels([(3, Self.request(hidden: [32])), (4, Self.request())])
                == ["hidden 32", "hidden 128,64"])
        var augmented = Self.request()
        augmented.augment = .affine
        augmented.limit = 2000
        #expect(
            RunLabels.labels([(1, Self.request()), (2, augmented)])
                == ["no augmentation, all images", "augment affine, 2000 images"])
        // Nothing differs: numbered by run; some runs alike: those numbered too.
        #expect(RunLabels.labels([(1, Self.request()), (2, Self.request())]) == ["run 1", "run 2"])
        #expect(RunLabels.labels([(5, Self.request())]) == ["run 5"])
        #expect(
            RunLabels.labels([(1, Self.request()), (2, Self.request(.adam)), (3, Self.request(.adam))])
                == ["SGD+momentum", "Adam (run 2)", "Adam (run 3)"])
        // Threads change the speed, not what is learned.
        var threaded = Self.request()
        threaded.threads = 2
        #expect(RunLabels.labels([(1, Self.request()), (2, threaded)]) == ["run 1", "run 2"])
    }

    @Test func progressIsReportedAtMostFiveTimesASecondAndAtEachEpochsEnd() {
        var throttle = ProgressThrottle()
        let start = ContinuousClock.now
        // (milliseconds after the first batch, whether it ends an epoch) of each batch.
        let batches = [(0, false), (50, false), (199, false), (200, false), (210, true), (300, false), (410, false)]
        let reported = batches.map { milliseconds, endsEpoch in
            throttle.reports(endsEpoch: endsEpoch, at: start + .milliseconds(milliseconds))
        }
        // The first batch; 200 ms later; an epoch's last, however soon; 200 ms after that.
        #expect(reported == [true, false, false, true, true, false, true])
    }

    static func train(_ server: RunningServer, _ request: String) throws {
        let started = try TrainingAPITests.start(server, request)
        #expect(started.status == 202, "\(started.text)")
        #expect(try TrainingAPITests.events(server).last?.name == "done")
    }

    static func runs(_ server: RunningServer) throws -> [[String: Any]] {
        let reply = try server.request("GET", "/api/train/runs")
        #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("application/json") == true)
        return reply.json["runs"] as? [[String: Any]] ?? []
    }

    @Test func runsAreListedLabelledComparedAndForgotten() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        #expect(try Self.runs(server).isEmpty)
        try StatusTests.expectRefusal(
            try server.request("GET", "/api/train/charts/compare.svg"), 404, mentioning: "no training run",
            server: server)
        // The page's learning rate follows the optimizer: the server says each one's default.
        let choices = try server.request("GET", "/api/model").json["training"] as? [String: Any]
        let optimizers = (choices?["choices"] as? [String: Any])?["optimizers"] as? [[String: Any]] ?? []
        #expect(optimizers.map { $0["name"] as? String } == ["sgd", "nesterov", "adam", "adamw"])
        #expect(optimizers.map { $0["default_learning_rate"] as? Double } == [0.03, 0.03, 0.001, 0.001])

        let small = #""hidden": [16], "epochs": 1, "limit": 1000"#
        try Self.train(server, #"{\#(small), "learning_rate": 0.03}"#)
        let one = try Self.runs(server)
        #expect(one.map { $0["label"] as? String } == ["run 1"])
        try Self.train(server, #"{\#(small), "learning_rate": 0.001, "optimizer": "adam"}"#)
        let two = try Self.runs(server)
        #expect(two.map { $0["label"] as? String } == ["SGD+momentum, lr 0.03", "Adam, lr 0.001"])
        #expect(two.map { $0["id"] as? Int } == [1, 2])
        #expect(two.map { $0["phase"] as? String } == ["done", "done"])
        // 16 steps: better than chance, far from trained.
        #expect(two.allSatisfy { ($0["test_accuracy"] as? Double ?? 0) > 0.15 }, "\(two)")
        #expect((two[1]["request"] as? [String: Any])?["optimizer"] as? String == "adam")
        #expect((two[0]["request"] as? [String: Any])?["schedule"] as? String == "cosine")

        let chart = try server.request("GET", "/api/train/charts/compare.svg")
        #expect(chart.status == 200 && chart.headers["content-type"] == "image/svg+xml")
        #expect(chart.text.hasPrefix("<svg") && chart.text.contains("log scale"))
        // One loss and one accuracy line per run, each run's label once, in the legend.
        #expect(chart.text.components(separatedBy: "<polyline").count - 1 == 4)
        for label in ["SGD+momentum, lr 0.03", "Adam, lr 0.001"] {
            #expect(chart.text.components(separatedBy: ">\(label)</text>").count - 1 == 1, "\(label)")
        }

        // Forgetting keeps a running run, and only that.
        #expect(
            try TrainingAPITests.start(server, #"{"hidden": [256, 256], "epochs": 30, "learning_rate": 0.03}"#)
                .status == 202)
        let forgotten = try server.request("DELETE", "/api/train/runs")
        #expect(forgotten.status == 200)
        let left = forgotten.json["runs"] as? [[String: Any]] ?? []
        #expect(left.map { $0["id"] as? Int } == [3] && left.first?["phase"] as? String == "running")
        #expect(left.first?["label"] as? String == "run 3")
        #expect(try server.request("DELETE", "/api/train").status == 200)
        #expect(try TrainingAPITests.events(server).last?.name == "cancelled")
        #expect(try Self.runs(server).map { $0["phase"] as? String } == ["cancelled"])
        #expect((try server.request("DELETE", "/api/train/runs").json["runs"] as? [Any])?.isEmpty == true)
        #expect(try Self.runs(server).isEmpty)
        #expect(server.stop().status == 0)
    }

    /// The choices the page offers train what `mnist train` trains with the same flags: the
    /// same model file, byte for byte.
    @Test func theChoicesGiveTheSameModelFileAsMnistTrain() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        try Self.train(
            server,
            #"{"hidden": [32], "epochs": 3, "learning_rate": 0.002, "limit": 2000, "optimizer": "adamw", "schedule": "step", "augment": "affine"}"#
        )
        let page = try server.request("GET", "/api/train/model.safetensors").body
        #expect(server.stop().status == 0)
        let saved = fixture.folder.appendingPathComponent("same-choices-as-the-page.safetensors")
        let cli = try MNISTBinary.run([
            "train", "--data", fixture.data.path, "--hidden", "32", "--epochs", "3", "--lr", "0.002", "--limit", "2000",
            "--optimizer", "adamw", "--schedule", "step", "--augment", "affine", "--threads", "1", "--save", saved.path,
        ])
        #expect(cli.status == 0, "\(cli.error)")
        #expect(try Data(contentsOf: saved) == page, "the page's run differs from mnist train's")
    }
}
#endif
