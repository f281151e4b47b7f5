#if Server
import Foundation
import TestSupport
import Testing

/// Every refusal `mnist serve` makes, each a JSON `{"error": ...}` with its status, and the
/// server still answering after it; graceful shutdown on SIGINT and SIGTERM.
@Suite struct StatusTests {
    /// Checks the reply's status and JSON error, then that the server still answers.
    static func expectRefusal(
        _ reply: RawHTTP.Reply, _ status: Int, mentioning phrase: String, server: RunningServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
        let message = reply.json["error"] as? String ?? ""
        #expect(message.contains(phrase), "\(message)", sourceLocation: sourceLocation)
        #expect(try server.request("GET", "/healthz").status == 200, sourceLocation: sourceLocation)
    }

    @Test func healthAndModelCard() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(
            model: fixture.model, ["--report", fixture.report.path, "--data", fixture.data.path])
        let health = try server.request("GET", "/healthz")
        #expect(health.status == 200 && health.json["status"] as? String == "ok")
        let card = try server.request("GET", "/api/model").json
        #expect(card["architecture"] as? String == "784-128-10")
        #expect(card["parameters"] as? Int == 784 * 128 + 128 + 128 * 10 + 10)
        #expect((card["test_accuracy"] as? Double ?? 0) > 0.85)
        let metadata = card["metadata"] as? [String: String] ?? [:]
        #expect(metadata["epochs"] == "3")
        // Each fact once: the architecture and the test accuracy are fields, not metadata again.
        #expect(metadata["architecture"] == nil && metadata["test_accuracy"] == nil && metadata["format"] != nil)
        #expect(card["report"] as? String == "/report/")
        #expect((card["training"] as? [String: Any])?["available"] as? Bool == true)
        let page = try server.request("GET", "/")
        #expect(page.status == 200 && page.text.contains("<canvas id=\"pad\""))
        #expect(try server.request("GET", "/app.js").headers["content-type"]?.hasPrefix("text/javascript") == true)
        let report = try server.request("GET", "/report/")
        #expect(report.status == 200 && report.text.contains("MNIST training report"))
        #expect(server.stop().status == 0)
    }

    @Test func badRequestsGetTheirStatus() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        let png = ["Content-Type": "image/png"]
        try Self.expectRefusal(
            try server.request("POST", "/api/predict", headers: png, body: Data(count: 4 * 1024 * 1024 + 1)), 413,
            mentioning: "over the limit", server: server)
        try Self.expectRefusal(
            try server.request("POST", "/api/predict", headers: ["Content-Type": "text/plain"], body: Data("7".utf8)),
            415, mentioning: "text/plain", server: server)
        try Self.expectRefusal(
            try server.request("POST", "/api/predict", body: Data("7".utf8)), 415, mentioning: "Content-Type",
            server: server)
        try Self.expectRefusal(
            try server.request("POST", "/api/predict", headers: png, body: Data("not a png at all".utf8)), 400,
            mentioning: "the uploaded image", server: server)
        let huge = Data("P5\n5000 5000\n255\n".utf8) + Data(count: 100)
        try Self.expectRefusal(
            try server.request(
                "POST", "/api/predict", headers: ["Content-Type": "image/x-portable-graymap"], body: huge), 400,
            mentioning: "pixel", server: server)
        let blank = Data("P5\n28 28\n255\n".utf8) + Data(repeating: 255, count: 784)
        try Self.expectRefusal(
            try server.request(
                "POST", "/api/predict", headers: ["Content-Type": "image/x-portable-graymap"], body: blank), 400,
            mentioning: "the uploaded image", server: server)
        let json = ["Content-Type": "application/json"]
        try Self.expectRefusal(
            try server.request(
                "POST", "/api/predict", headers: json, body: Data(#"{"width": 2, "height": 2, "pixels": [0]}"#.utf8)),
            400, mentioning: "4 pixels, but 1 were sent", server: server)
        try Self.expectRefusal(
            try server.request("POST", "/api/predict", headers: json, body: Data("{".utf8)), 400,
            mentioning: "not valid JSON", server: server)
        try Self.expectRefusal(
            try server.request("GET", "/api/predict"), 405, mentioning: "answers POST, not GET", server: server)
        #expect(try server.request("GET", "/api/predict").headers["allow"] == "POST")
        try Self.expectRefusal(
            try server.request("POST", "/healthz"), 405, mentioning: "answers GET", server: server)
        try Self.expectRefusal(
            try server.request("GET", "/api/nothing"), 404, mentioning: "/api/nothing", server: server)
        #expect(server.stop().status == 0)
    }

    @Test func reportPathsCannotLeaveTheFolder() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let outside = fixture.folder.appendingPathComponent("outside-secret.txt")
        try Data("the content of a file outside the report folder".utf8).write(to: outside)
        let link = fixture.report.appendingPathComponent("escape.txt")
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        #expect(try server.request("GET", "/report/index.html").status == 200)
        for path in [
            "/report/../outside-secret.txt", "/report/%2e%2e/outside-secret.txt", "/report/%2E%2E%2Foutside-secret.txt",
            "/report/..%2foutside-secret.txt", "/report//etc/passwd", "/report/%2fetc%2fpasswd",
            "/report/escape.txt", "/report/..\\outside-secret.txt", "/report/nothing.html", "/../Package.swift",
        ] {
            let reply = try server.request("GET", path)
            try Self.expectRefusal(reply, 404, mentioning: "nothing is served", server: server)
            #expect(!reply.text.contains("the content of a file") && !reply.text.contains("root:"), "\(path)")
        }
        #expect(server.stop().status == 0)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func stopsGracefullyOnSignal(signal: Int32) throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        #expect(try server.request("GET", "/healthz").status == 200)
        let stopped = server.stop(signal)
        #expect(stopped.status == 0, "\(stopped.error)")
        #expect(stopped.output.hasSuffix("stopped\n"))
        #expect(throws: (any Error).self) { try server.request("GET", "/healthz") }
    }

    @Test func warnsWhenListeningBeyondLoopback() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--host", "0.0.0.0"])
        let stopped = server.stop()
        #expect(stopped.error.contains("warning: --host 0.0.0.0 is not loopback"))
        #expect(stopped.status == 0)
    }

    @Test func aMissingModelOrReportFolderIsAClearError() throws {
        let missing = try MNISTBinary.run(["serve", "--model", "/nonexistent/model.safetensors"])
        #expect(missing.status != 0 && missing.error.contains("no such file"))
        guard let fixture = try ServerFixture.shared.get() else { return }
        let noReport = try MNISTBinary.run(["serve", "--model", fixture.model.path, "--report", "/nonexistent"])
        #expect(noReport.status != 0 && noReport.error.contains("the report folder /nonexistent does not exist"))
    }
}
#endif
