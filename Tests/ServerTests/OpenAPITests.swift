#if Server
import Foundation
import MNIST
@testable import MNISTServer
import TestSupport
import Testing

/// The OpenAPI document the server ships (`GET /api/openapi.json`) against the server itself:
/// it describes every route and no other, with the methods each answers; and the statuses,
/// schemas and examples it gives for predict, the model card (and its first layer) and the health check are what
/// a real server answers.
@Suite struct OpenAPITests {
    static let methods = ["get", "post", "delete", "put", "patch"]

    /// The served document, parsed, and a running server with a report folder.
    static func documentAndServer() throws -> (JSONValue, RunningServer)? {
        guard let fixture = try ServerFixture.shared.get() else { return nil }
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        let reply = try server.request("GET", "/api/openapi.json")
        #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("application/json") == true)
        let document = try JSONValue.parse(reply.body)
        #expect(document["openapi"]?.string == "3.1.0")
        return (document, server)
    }

    /// The JSON API's paths and methods (sorted), as the server's router has them.
    static func apiRoutes() throws -> [String: [String]] {
        guard let fixture = try ServerFixture.shared.get() else { return [:] }
        let server = try DigitServer(
            model: try ModelFile.load(from: fixture.model), name: "small.safetensors",
            settings: DigitServer.Settings(dataDirectory: MNISTDirectory(fixture.data)))
        return Routes.router(state: server.state).methods.mapValues { $0.map(\.rawValue).sorted() }
    }

    /// Each documented path with its methods, upper case, sorted.
    static func documentedRoutes(_ document: JSONValue) -> [String: [String]] {
        (document["paths"]?.object ?? [:]).mapValues { item in
            (item.object ?? [:]).keys.filter(methods.contains).map { $0.uppercased() }.sorted()
        }
    }

    @Test func describesEveryRouteAndNoOther() throws {
        guard let (document, server) = try Self.documentAndServer() else { return }
        var routes = try Self.apiRoutes()
        routes["/"] = ["GET"]
        for file in try FileManager.default.contentsOfDirectory(atPath: PageFiles.folder.path) {
            routes["/" + file] = ["GET"]
        }
        routes["/report/{path}"] = ["GET"]
        #expect(Self.documentedRoutes(document) == routes)

        // The live server agrees: another method gets a 405 whose Allow header lists the
        // documented methods, and each documented GET answers one of its documented statuses.
        for (path, methods) in Self.documentedRoutes(document) {
            let concrete = path.replacingOccurrences(of: "{path}", with: "index.html")
            let refused = try server.request("PUT", concrete)
            #expect(refused.status == 405, "PUT \(path)")
            #expect(
                refused.headers["allow"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
                    == methods, "\(path)")
            guard methods.contains("GET") else { continue }
            let statuses = document["paths"]?[path]?["get"]?["responses"]?.object?.keys.compactMap { Int($0) } ?? []
            let answer = try server.request("GET", concrete)
            #expect(statuses.contains(answer.status), "GET \(path) answered \(answer.status), documented \(statuses)")
        }
        #expect(server.stop().status == 0)
    }

    @Test func predictAnswersAsDocumented() throws {
        guard let (document, server) = try Self.documentAndServer() else { return }
        let operation = document["paths"]?["/api/predict"]?["post"]
        let json = ["Content-Type": "application/json"]
        // One request per documented status: the request body's named examples, and the others.
        var requests: [(name: String, headers: [String: String], method: String, body: Data)] = []
        for (name, example) in operation?["requestBody"]?["content"]?["application/json"]?["examples"]?.object ?? [:] {
            requests.append((name, json, "POST", try Self.encoded(example["value"] ?? .null)))
        }
        requests.append(("too-large", ["Content-Type": "image/png"], "POST", Data(count: 4 * 1024 * 1024 + 1)))
        requests.append(("text", ["Content-Type": "text/plain"], "POST", Data("7".utf8)))
        requests.append(("wrong-method", [:], "PUT", Data()))

        let check = SchemaCheck(document: document)
        let responses = operation?["responses"]?.object ?? [:]
        var answered: Set<String> = []
        for request in requests {
            let reply = try server.request(request.method, "/api/predict", headers: request.headers, body: request.body)
            let status = String(reply.status)
            answered.insert(status)
            let documented = responses[status]?["content"]?["application/json"]
            #expect(documented != nil, "\(request.name) got \(status), which the document does not list")
            let value = try JSONValue.parse(reply.body)
            #expect(check.problems(value, documented?["schema"] ?? .null) == [], "\(request.name)")
            // The example of the same name is what the server answered: exactly for a refusal;
            // for a prediction (whose numbers depend on the model), the same fields, both valid.
            guard let example = documented?["examples"]?[request.name]?["value"] else { continue }
            if reply.status == 200 {
                #expect(check.problems(example, documented?["schema"] ?? .null) == [])
                #expect(Set(example.object?.keys ?? [:].keys) == Set(value.object?.keys ?? [:].keys))
            } else {
                #expect(example == value, "\(request.name)")
            }
        }
        #expect(answered == Set(responses.keys), "documented \(responses.keys.sorted()), answered \(answered.sorted())")
        #expect(server.stop().status == 0)
    }

    @Test func modelCardFirstLayerAndHealthAnswerAsDocumented() throws {
        guard let (document, server) = try Self.documentAndServer() else { return }
        let check = SchemaCheck(document: document)
        for path in ["/api/model", "/api/model/first-layer", "/healthz"] {
            let documented = document["paths"]?[path]?["get"]?["responses"]?["200"]?["content"]?["application/json"]
            let value = try JSONValue.parse(try server.request("GET", path).body)
            #expect(check.problems(value, documented?["schema"] ?? .null) == [], "\(path)")
            for (name, example) in documented?["examples"]?.object ?? [:] {
                let example = example["value"] ?? .null
                #expect(check.problems(example, documented?["schema"] ?? .null) == [], "\(path) example \(name)")
                #expect(Set(example.object?.keys ?? [:].keys) == Set(value.object?.keys ?? [:].keys), "\(path)")
            }
        }
        #expect(server.stop().status == 0)
    }

    /// `value` as JSON text.
    static func encoded(_ value: JSONValue) throws -> Data {
        try JSONSerialization.data(withJSONObject: value.foundation, options: [.fragmentsAllowed])
    }
}

extension JSONValue {
    /// The value as `JSONSerialization` takes it.
    var foundation: Any {
        switch self {
        case .null: NSNull()
        case .bool(let bool): bool
        case .number(let number): number.rounded() == number ? Int(number) as Any : number
        case .string(let string): string
        case .array(let array): array.map(\.foundation)
        case .object(let object): object.mapValues(\.foundation)
        }
    }
}
#endif
