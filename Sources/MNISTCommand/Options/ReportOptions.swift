import ArgumentParser
import Foundation
import Report

/// Where a subcommand writes its HTML report, if anywhere.
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write an HTML report (charts, confusion matrix, mistakes, first-layer weights, samples) and CSV tables into this folder.",
            valueName: "folder"))
    var report: String?

    /// The report folder, created and proven writable, so that a bad folder fails before any
    /// work is done; nil without --report.
    func prepare() throws(ReportError) -> ReportDirectory? {
        guard let report else { return nil }
        return try ReportDirectory(preparing: URL(fileURLWithPath: report))
    }
}
