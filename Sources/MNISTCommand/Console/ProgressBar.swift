import Foundation

/// A one-line progress bar redrawn in place, shown only when stdout is a terminal.
struct ProgressBar {
    let isEnabled = isatty(STDOUT_FILENO) == 1
    private let width = 30
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    /// Redraws the bar at `done` of `total`, at most 20 times a second (and always at the end).
    mutating func update(label: String, done: Int, total: Int, detail: String) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        guard done == total || now - lastDrawn >= .milliseconds(50) else { return }
        lastDrawn = now
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = total == 0 ? 100 : 100 * done / total
        print("\r\u{1B}[2K\(label) \(bar) \(percent)%  \(detail)", terminator: "")
        fflush(nil)
    }

    /// Erases the bar so that the next line prints where it was.
    func clear() {
        guard isEnabled else { return }
        print("\r\u{1B}[2K", terminator: "")
        fflush(nil)
    }
}
