import Foundation
import MNIST
import Report

extension Train {
    /// Writes the HTML training report of `session` into `directory` and prints where it is.
    func writeReport(to directory: ReportDirectory, session: TrainingSession, kernel: String) throws {
        var settings: [ReportContents.Setting] = []
        if let save { settings.append(.init("saved to", save)) }
        if let saveBest { settings.append(.init("best epoch saved to", saveBest)) }
        if let resume { settings.append(.init("resumed from", resume)) }
        if let limit { settings.append(.init("training images limited to", "\(Format.grouped(limit)) (--limit)")) }
        settings += [
            .init("data", dataOptions.directoryURL(for: session.dataSet).path),
            .init("matrix products", kernel),
            .init("cores", String(ProcessInfo.processInfo.activeProcessorCount)),
        ]
        try directory.writeReport(ReportContents(session: session, extraSettings: settings))
        print("report: \(directory.file("index.html").path)")
    }
}
