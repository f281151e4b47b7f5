import ArgumentParser
import Foundation
import NeuralNet

/// Thread settings written `1,2,auto` on the command line.
struct ThreadSettingList {
    var settings: [ThreadSetting]

    /// One thread, all cores and auto (just 1 on a one-core machine).
    static var standard: ThreadSettingList {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return ThreadSettingList(
            settings: cores > 1 ? [.fixed(1), .fixed(cores), .automatic(cores: cores)] : [.fixed(1)])
    }

    init(settings: [ThreadSetting]) { self.settings = settings }

    init(parsing text: String) throws {
        let settings = try text.split(separator: ",", omittingEmptySubsequences: false).map {
            try KernelOptions.parseThreads(String($0).trimmingCharacters(in: .whitespaces))
        }
        self.init(settings: settings.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
    }
}

extension ThreadSetting {
    /// The thread count it runs with at most.
    var count: Int {
        switch self {
        case let .automatic(cores): cores
        case let .fixed(count): count
        }
    }

    var isAutomatic: Bool { if case .automatic = self { true } else { false } }

    /// `auto` or the number, for table cells.
    var shortName: String { isAutomatic ? "auto" : "\(count)" }
}
