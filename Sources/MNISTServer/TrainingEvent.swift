#if Server
import Foundation

/// One server-sent event of a training run: its name and its JSON data.
struct TrainingEvent: Sendable {
    var name: String
    var json: String

    init(_ name: String, _ payload: some Encodable) {
        self.name = name
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        json = (try? encoder.encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The event as text/event-stream lines.
    var text: String { "event: \(name)\ndata: \(json)\n\n" }

    /// The events that end a run.
    static let finalNames: Set<String> = ["done", "cancelled", "failed"]
    var isFinal: Bool { Self.finalNames.contains(name) }
}
#endif
