#if Server
import Foundation
import TestSupport
import Testing

/// The page's files and the report folder as `FileMiddleware` serves them: their types and
/// caching, HEAD, conditional requests, other methods (405), and paths that try to leave
/// either folder.
@Suite struct FileServingTests {
    @Test func pageAndReportFilesHaveTheirTypes() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        for (path, type) in [
            ("/", "text/html; charset=utf-8"), ("/index.html", "text/html; charset=utf-8"),
            ("/app.js", "text/javascript; charset=utf-8"), ("/style.css", "text/css; charset=utf-8"),
            ("/report/", "text/html; charset=utf-8"), ("/report/loss.svg", "image/svg+xml"),
            ("/report/samples.png", "image/png"), ("/report/metrics.csv", "text/plain; charset=utf-8"),
        ] {
            let reply = try server.request("GET", path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == type, "\(path)")
            #expect(reply.headers["cache-control"] == "no-cache", "\(path)")
            #expect(reply.headers["content-length"] == String(reply.body.count), "\(path)")
        }
        let png = try server.request("GET", "/report/samples.png").body
        #expect(png == (try Data(contentsOf: fixture.report.appendingPathComponent("samples.png"))))
        #expect(server.stop().status == 0)
    }

    @Test func headAndConditionalRequests() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        for path in ["/style.css", "/report/index.html", "/healthz", "/api/model"] {
            let get = try server.request("GET", path)
            let head = try server.request("HEAD", path)
            #expect(head.status == 200 && head.body.isEmpty, "HEAD \(path)")
            #expect(head.headers["content-type"] == get.headers["content-type"], "HEAD \(path)")
        }
        #expect(try server.request("HEAD", "/style.css").headers["content-length"] != "0")
        // A file's ETag makes the page's next visit a 304 until the file changes.
        let tag = try #require(try server.request("GET", "/app.js").headers["etag"])
        let again = try server.request("GET", "/app.js", headers: ["If-None-Match": tag])
        #expect(again.status == 304 && again.body.isEmpty)
        #expect(server.stop().status == 0)
    }

    @Test func otherMethodsOnFilesAre405() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        for (method, path) in [
            ("POST", "/"), ("DELETE", "/app.js"), ("PUT", "/report/"), ("POST", "/report/loss.svg"),
            ("PATCH", "/api/train"),
        ] {
            let reply = try server.request(method, path)
            try StatusTests.expectRefusal(reply, 405, mentioning: "not \(method)", server: server)
        }
        #expect(try server.request("DELETE", "/app.js").headers["allow"] == "GET")
        #expect(try server.request("PATCH", "/api/train").headers["allow"] == "GET, POST, DELETE")
        // GET answers HEAD, and only GET does: a HEAD (whose answer has no body) of a POST route.
        let head = try server.request("HEAD", "/api/predict")
        #expect(head.status == 405 && head.headers["allow"] == "POST")
        // A path that is no file stays a 404 whatever the method.
        for (method, path) in [("POST", "/nothing.js"), ("DELETE", "/report/nothing.svg"), ("PUT", "/api")] {
            try StatusTests.expectRefusal(
                try server.request(method, path), 404, mentioning: "nothing is served", server: server)
        }
        #expect(server.stop().status == 0)
    }

    @Test func pagePathsCannotLeaveTheFolder() throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model)
        for path in [
            "/../Package.swift", "/%2e%2e/Package.swift", "/..%2fPackage.swift", "/%2E%2E%2F%2E%2E%2FPackage.swift",
            "/Page/../index.html", "/..\\Package.swift", "//etc/passwd", "/%2fetc%2fpasswd", "/report/",
            "/report/index.html",
        ] {
            let reply = try server.request("GET", path)
            try StatusTests.expectRefusal(reply, 404, mentioning: "nothing is served", server: server)
            #expect(!reply.text.contains("root:") && !reply.text.contains("PackageDescription"), "\(path)")
        }
        #expect(server.stop().status == 0)
    }
}
#endif
