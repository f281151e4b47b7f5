#if Server
import Foundation
import MNIST
import TestSupport
import Testing

/// The page in a real browser: Chromium, headless, driven by Selenium from the venv
/// (Tests/Browser/draw_digits.py). Skipped, saying why, where Chromium, chromedriver or the
/// venv's Selenium is missing; CI installs all three. The screenshot goes to the test's temporary
/// folder; `UPDATE_SCREENSHOTS=1` also copies it to docs/serve.png, which is otherwise left alone.
@Suite struct BrowserTests {
    static let python = Fixtures.packageRoot.appendingPathComponent(".venv/bin/python")

    /// Why the browser test cannot run here, or nil.
    static let missing: String? = {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (apt-get install chromium chromium-driver)"
        }
        guard let check = try? Fixtures.execute(python, ["-c", "import selenium"]), check.status == 0 else {
            return "Selenium is not in .venv (make venv)"
        }
        return nil
    }()

    /// Six test digits drawn on the pad, two with each kind of pointer (mouse, pen, touch), an
    /// upload, and the page at a phone's width and a desktop's.
    @Test(.enabled(if: missing == nil, "browser test skipped: \(missing ?? "")"))
    func drawsUploadsAndFitsAPhone() async throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let digits = fixture.digits.prefix(6).map {
            ["label": $0.label, "pixels": $0.pixels.map(Int.init)] as [String: Any]
        }
        let digitsFile = fixture.folder.appendingPathComponent("digits.json")
        try JSONSerialization.data(withJSONObject: digits).write(to: digitsFile)
        let server = try RunningServer(model: fixture.model, ["--report", fixture.report.path])
        let upload = fixture.digits[2]
        let screenshot = fixture.folder.appendingPathComponent("serve.png")
        let result = try await Fixtures.execute(
            Self.python,
            [
                Fixtures.packageRoot.appendingPathComponent("Tests/Browser/draw_digits.py").path, "--url", server.url,
                "--digits", digitsFile.path, "--upload", upload.png.path, "--upload-label", String(upload.label),
                "--screenshot", screenshot.path,
            ])
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        if result.status == 0 { try Self.keepScreenshot(screenshot) }
        #expect(server.stop().status == 0)
    }

    /// "Why this answer" and "Where your digit lands": the saliency view of a drawn digit,
    /// the map of the test set with the digit on it, and a test image's dot under a mouse and
    /// under a finger on a 375 px phone screen showing that image
    /// (Tests/Browser/explain_and_map.py).
    @Test(.enabled(if: missing == nil, "browser test skipped: \(missing ?? "")"))
    func explainsTheAnswerAndMapsTheTestSet() async throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        // The first 300 test images: the page is asked to show those among them whose dots stand apart.
        let test = try MNISTDirectory(fixture.data).testSet()
        let digits = (0..<300).map { index in
            [
                "label": Int(test.labels[index]),
                "pixels": test.pixels[index * 784..<(index + 1) * 784].map(Int.init),
            ] as [String: Any]
        }
        let digitsFile = fixture.folder.appendingPathComponent("map-digits.json")
        try JSONSerialization.data(withJSONObject: digits).write(to: digitsFile)
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let result = try await Fixtures.execute(
            Self.python,
            [
                Fixtures.packageRoot.appendingPathComponent("Tests/Browser/explain_and_map.py").path, "--url",
                server.url, "--digits", digitsFile.path, "--screenshots", Self.views(of: fixture).path,
            ])
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        if result.status == 0 { try Self.keepViews(["why.png", "map.png"], of: fixture) }
        #expect(server.stop().status == 0)
    }

    /// "Start training" pressed with the form as the page fills it in: the run finishes, the
    /// server serves its model with its own report, the curves are drawn, the download is a
    /// model file that loads, a reload keeps the run, Cancel stops the next one
    /// (Tests/Browser/train_from_the_page.py).
    @Test(.enabled(if: missing == nil, "browser test skipped: \(missing ?? "")"))
    func trainsFromThePageWithItsDefaults() async throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(
            model: fixture.model, ["--report", fixture.report.path, "--data", fixture.data.path])
        let download = fixture.folder.appendingPathComponent("page-trained.safetensors")
        try? FileManager.default.removeItem(at: download)
        let result = try await Fixtures.execute(
            Self.python,
            [
                Fixtures.packageRoot.appendingPathComponent("Tests/Browser/train_from_the_page.py").path, "--url",
                server.url, "--download", download.path,
            ])
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        let model = try ModelFile.load(from: download)
        #expect(model.network.architecture == "784-128-64-10", "the page's default widths")
        #expect(model.metadata["epochs"] == "3" && model.metadata["seed"] == "42" && model.metadata["lr"] == "0.03")
        #expect((model.metadata["test_accuracy"].flatMap(Double.init) ?? 0) > 0.9)
        #expect(server.stop().status == 0)
    }

    /// Two runs compared: the form's defaults with 1 epoch on 2,000 images, then Adam, whose
    /// learning rate the form must follow; the comparison chart then shows both runs labelled
    /// by what differed, nothing overflows at 375 px, and "Forget earlier runs" forgets them. It
    /// prints the longest task of the page's main thread while the second run streams, from
    /// Chromium's trace (Tests/Browser/compare_runs.py).
    @Test(.enabled(if: missing == nil, "browser test skipped: \(missing ?? "")"))
    func comparesTwoRunsFromThePage() async throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let result = try await Fixtures.execute(
            Self.python,
            [
                Fixtures.packageRoot.appendingPathComponent("Tests/Browser/compare_runs.py").path, "--url", server.url,
                "--epochs", "1", "--limit", "2000", "--screenshots", Self.views(of: fixture).path,
            ])
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        if result.status == 0 { try Self.keepViews(["curves.png", "compare.png"], of: fixture) }
        #expect(server.stop().status == 0)
    }

    /// "Step through it" with the form as the page fills it in: Step twice shows each batch's
    /// images, loss, gradient norms and changed units, nothing overflows at 375 px, and Run
    /// goes on to the end (Tests/Browser/step_through_training.py).
    @Test(.enabled(if: missing == nil, "browser test skipped: \(missing ?? "")"))
    func stepsThroughARunFromThePage() async throws {
        guard let fixture = try ServerFixture.shared.get() else { return }
        let server = try RunningServer(model: fixture.model, ["--data", fixture.data.path])
        let result = try await Fixtures.execute(
            Self.python,
            [
                Fixtures.packageRoot.appendingPathComponent("Tests/Browser/step_through_training.py").path, "--url",
                server.url, "--screenshots", Self.views(of: fixture).path,
            ])
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        if result.status == 0 { try Self.keepViews(["step.png"], of: fixture) }
        #expect(server.stop().status == 0)
    }

    /// Copies the screenshot over docs/serve.png when `UPDATE_SCREENSHOTS=1`, else says where it is.
    static func keepScreenshot(_ screenshot: URL) throws {
        try keep(screenshot, as: "serve.png")
    }

    /// Where the browser tests save the views that docs/watching.md shows.
    static func views(of fixture: ServerFixture) -> URL { fixture.folder.appendingPathComponent("views") }

    /// Copies the views named over docs/watching/ when `UPDATE_SCREENSHOTS=1`, else says where they are.
    static func keepViews(_ names: [String], of fixture: ServerFixture) throws {
        for name in names { try keep(views(of: fixture).appendingPathComponent(name), as: "watching/" + name) }
    }

    private static func keep(_ screenshot: URL, as path: String) throws {
        guard ProcessInfo.processInfo.environment["UPDATE_SCREENSHOTS"] == "1" else {
            print("screenshot: \(screenshot.path) (UPDATE_SCREENSHOTS=1 copies it to docs/\(path))")
            return
        }
        let committed = Fixtures.packageRoot.appendingPathComponent("docs/" + path)
        try FileManager.default.createDirectory(
            at: committed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contentsOf: screenshot).write(to: committed, options: .atomic)
        print("screenshot: updated \(committed.path)")
    }
}
#endif
