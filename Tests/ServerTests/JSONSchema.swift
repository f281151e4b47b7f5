#if Server
import Foundation

/// A JSON value as parsed, keeping booleans and numbers apart (`JSONSerialization` does not).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    var object: [String: JSONValue]? { if case .object(let object) = self { object } else { nil } }
    var string: String? { if case .string(let string) = self { string } else { nil } }
    var number: Double? { if case .number(let number) = self { number } else { nil } }
    var array: [JSONValue]? { if case .array(let array) = self { array } else { nil } }
}

/// Checks JSON values against the schemas of an OpenAPI 3.1 document: the part of JSON Schema
/// its schemas use. A keyword it does not know is itself a problem, so that the document
/// cannot promise what nothing checks.
struct SchemaCheck {
    let document: JSONValue

    static let annotations: Set = ["description", "summary", "contentMediaType"]

    /// What is wrong with `value` against `schema` (empty when it conforms), each with its path.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        guard let schema = schema.object else { return ["\(path): the schema is not an object"] }
        var problems: [String] = []
        func require(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { problems.append("\(path): \(message())") }
        }
        for (keyword, rule) in schema {
            switch keyword {
            case "$ref":
                guard let name = rule.string?.split(separator: "/").last,
                    let target = document["components"]?["schemas"]?[String(name)]
                else {
                    problems.append("\(path): unresolved \(rule)")
                    continue
                }
                problems += self.problems(value, target, at: path)
            case "type":
                require(Self.hasType(value, rule.string ?? ""), "\(value) is not of type \(rule)")
            case "enum":
                require(rule.array?.contains(value) == true, "\(value) is not one of \(rule)")
            case "minimum", "maximum", "exclusiveMinimum":
                guard let number = value.number, let bound = rule.number else { continue }
                let holds =
                    keyword == "minimum" ? number >= bound : keyword == "maximum" ? number <= bound : number > bound
                require(holds, "\(number) breaks \(keyword) \(bound)")
            case "minItems", "maxItems":
                guard let count = value.array?.count, let bound = rule.number else { continue }
                require(
                    keyword == "minItems" ? Double(count) >= bound : Double(count) <= bound,
                    "\(count) items breaks \(keyword) \(bound)")
            case "items":
                for (index, item) in (value.array ?? []).enumerated() {
                    problems += self.problems(item, rule, at: "\(path)[\(index)]")
                }
            case "required":
                for key in rule.array ?? [] {
                    require(value.object == nil || value[key.string ?? ""] != nil, "\(key) is missing")
                }
            case "properties":
                for (key, property) in rule.object ?? [:] {
                    if let member = value[key] { problems += self.problems(member, property, at: "\(path).\(key)") }
                }
            case "additionalProperties":
                let known = Set(schema["properties"]?.object?.keys.map { $0 } ?? [])
                for (key, member) in value.object ?? [:] where !known.contains(key) {
                    if rule == .bool(false) {
                        problems.append("\(path): \(key) is not in the schema")
                    } else {
                        problems += self.problems(member, rule, at: "\(path).\(key)")
                    }
                }
            default:
                require(Self.annotations.contains(keyword), "the schema keyword \(keyword) is not checked")
            }
        }
        return problems
    }

    static func hasType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("number", .number), ("boolean", .bool), ("array", .array), ("object", .object),
            ("null", .null):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }
}
#endif
