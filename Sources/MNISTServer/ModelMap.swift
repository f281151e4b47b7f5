#if Server
import Foundation
import Hummingbird
import MNIST
import Report
import ServerRequests
import Synchronization

/// `GET /api/model/map`: where the 10,000 test images land in the served model's last hidden
/// layer (`DigitMap`), as points `{x, y, label, predicted}` and the two axes' shares of the
/// variance; `GET /api/model/map/image?index=N`, one of those images, which the page shows
/// for the point under the pointer. Computed once per model, the first time it is asked for,
/// on a thread outside the request threads (0.3–0.4 s for the default model, reading the test
/// files included), so that predictions go on meanwhile; every later request gets the same
/// encoded answer. Without the test files it is a 503 that says so (not kept: the next request
/// looks again, after `mnist fetch`).
final class ModelMap: Sendable {
    /// The map and its JSON.
    struct Computed: Sendable {
        let map: DigitMap
        let json: [UInt8]
        /// The test images the points stand for.
        let images: LabelledImages

        /// `GET /api/model/map/image?index=N`: test image N (`query`, the request's `index`) as
        /// `{"index", "label", "predicted", "x", "y", "pixels": 28 rows of 28 bytes}`.
        func image(query index: String?) throws(APIError) -> [UInt8] {
            let count = map.points.count
            guard let text = index, let index = Int(text) else {
                throw .badRequest(
                    "give the test image's number as ?index=N, a whole number from 0 to \(count - 1), not \(index.map { "'\($0)'" } ?? "nothing")"
                )
            }
            guard map.points.indices.contains(index) else {
                throw APIError(
                    status: .notFound,
                    message: "no test image \(index): the test set has \(count), numbered 0 to \(count - 1)")
            }
            let point = map.points[index]
            let side = images.width
            let pixels = Array(images.pixels[index * images.pixelsPerImage..<(index + 1) * images.pixelsPerImage])
            var json = JSONBytes(capacity: 4 * pixels.count + 128)
            json.object { json in
                json.member("index", index) { $0.append(integer: $1) }
                json.member("label", point.label) { $0.append(integer: $1) }
                json.member("predicted", point.predicted) { $0.append(integer: $1) }
                json.member("x", point.x) { $0.append(float: $1) }
                json.member("y", point.y) { $0.append(float: $1) }
                json.member("pixels", pixels) { json, pixels in
                    json.array(Array(0..<images.height)) {
                        $0.append(integers: Array(pixels[$1 * side..<($1 + 1) * side]))
                    }
                }
            }
            return json.bytes
        }
    }

    private let classifier: DigitClassifier
    private let data: MNISTDirectory
    /// The computation under way or done; nil before the first request and after a failure.
    private let task = Mutex<Task<Result<Computed, APIError>, Never>?>(nil)
    /// The finished map, for predictions, which never wait for it.
    private let finished = Mutex<DigitMap?>(nil)

    init(classifier: DigitClassifier, data: MNISTDirectory) {
        self.classifier = classifier
        self.data = data
    }

    /// The map, if computed already; nil (without waiting) otherwise.
    var computed: DigitMap? { finished.withLock { $0 } }

    /// The map, computed now if no request has asked before.
    func map() async throws(APIError) -> Computed {
        let task = task.withLock { task in
            if let task { return task }
            let (classifier, data) = (classifier, data)
            let started = Task {
                await withCheckedContinuation { continuation in
                    DispatchQueue.global(qos: .utility).async {
                        continuation.resume(returning: Self.compute(classifier: classifier, data: data))
                    }
                }
            }
            task = started
            return started
        }
        switch await task.value {
        case .success(let computed):
            finished.withLock { $0 = computed.map }
            return computed
        case .failure(let error):
            self.task.withLock { $0 = nil }
            throw error
        }
    }

    private static func compute(classifier: DigitClassifier, data: MNISTDirectory) -> Result<Computed, APIError> {
        let images: LabelledImages
        do {
            images = try data.testSet()
        } catch {
            return .failure(
                APIError(
                    status: .serviceUnavailable,
                    message:
                        "The map needs the MNIST test images in \(data.url.path): run `mnist fetch` (or `make data`), or restart `mnist serve` with --data DIR. (\(error))"
                ))
        }
        guard let map = DigitMap(classifier: classifier, images: images) else {
            return .failure(
                APIError(status: .serviceUnavailable, message: "The served model has no hidden layer to draw a map of.")
            )
        }
        return .success(
            Computed(map: map, json: encoded(map, units: classifier.network.hiddenLayers.last!.outputs), images: images)
        )
    }

    /// `{"units": N, "variance_shares": [a, b], "points": [{"x":…,"y":…,"label":…,"predicted":…}, …]}`
    static func encoded(_ map: DigitMap, units: Int) -> [UInt8] {
        var json = JSONBytes(capacity: 48 * map.points.count)
        json.object { json in
            json.member("units", units) { $0.append(integer: $1) }
            json.member("variance_shares", map.varianceShares.map(Float.init)) { $0.append(floats: $1) }
            json.member("points", map.points) { json, points in
                json.array(points) { json, point in
                    json.object { json in
                        json.member("x", point.x) { $0.append(float: $1) }
                        json.member("y", point.y) { $0.append(float: $1) }
                        json.member("label", point.label) { $0.append(integer: $1) }
                        json.member("predicted", point.predicted) { $0.append(integer: $1) }
                    }
                }
            }
        }
        return json.bytes
    }
}
#endif
