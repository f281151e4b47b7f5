import ArgumentParser
import Foundation
import MNIST

/// Which data set, and where its files live, shared by every subcommand that reads them.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The data set: \(DataSet.builtIn.map(\.name).joined(separator: ", ")) (default: mnist).",
            valueName: "name"))
    var dataset: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The directory holding the four data files (default: $MNIST_DATA, else data/mnist; data/NAME for --dataset NAME).",
            valueName: "dir"))
    var data: String?

    func validate() throws {
        if let dataset, DataSet.named(dataset) == nil {
            throw ValidationError(
                "--dataset \(dataset): no such data set; the known ones are \(DataSet.builtIn.map(\.name).joined(separator: ", "))."
            )
        }
    }

    /// The data set `--dataset` names, MNIST without it.
    var dataSet: DataSet { namedDataSet ?? .mnist }

    /// The data set `--dataset` names, nil without it.
    var namedDataSet: DataSet? { dataset.flatMap(DataSet.named) }

    /// The folder of `dataSet`'s files: `--data`, else for MNIST `$MNIST_DATA` or `data/mnist`,
    /// else `data/NAME`.
    func directoryURL(for dataSet: DataSet) -> URL {
        let environment = dataSet == .mnist ? ProcessInfo.processInfo.environment["MNIST_DATA"] : nil
        return URL(fileURLWithPath: data ?? environment ?? "data/\(dataSet.name)")
    }

    /// The folder of the files of the data set `--dataset` names.
    var directoryURL: URL { directoryURL(for: dataSet) }

    var directory: MNISTDirectory { MNISTDirectory(directoryURL) }

    /// What `read` reads of `dataSet`'s files; when the folder or a file is missing, for a data
    /// set other than MNIST, the error says how to fetch that data set (`DataError` names
    /// MNIST's fetch, which would fill the folder with the digits).
    func reading<Value>(_ dataSet: DataSet, _ read: () throws(DataError) -> Value) throws -> Value {
        do {
            return try read()
        } catch {
            guard dataSet != .mnist else { throw error }
            switch error {
            case let .missingDirectory(directory):
                throw CommandError(
                    "the data directory \(directory) does not exist. Run `mnist fetch --dataset \(dataSet.name) --data \(directory)` to get the \(dataSet.title) files, or point --data at a folder that has them."
                )
            case let .missingFile(name, directory):
                throw CommandError(
                    "\(name) is missing from \(directory). Run `mnist fetch --dataset \(dataSet.name) --data \(directory)` to get the \(dataSet.title) files."
                )
            default:
                throw error
            }
        }
    }
}
