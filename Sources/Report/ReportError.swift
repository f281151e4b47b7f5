/// Why a report could not be written, worded for the person who chose the folder.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// Something on the way to the folder is a file.
    case pathThroughFile(folder: String, file: String)
    case cannotCreate(folder: String, reason: String)
    case notWritable(folder: String, reason: String)
    case cannotWrite(file: String, reason: String)

    public var description: String {
        switch self {
        case let .pathThroughFile(folder, file):
            "cannot write the report to \(folder): \(file) is a file, not a folder. Choose another --report folder."
        case let .cannotCreate(folder, reason):
            "cannot create the report folder \(folder): \(reason). Choose another --report folder."
        case let .notWritable(folder, reason):
            "cannot write files in the report folder \(folder): \(reason). Choose another --report folder."
        case let .cannotWrite(file, reason):
            "cannot write the report file \(file): \(reason)"
        }
    }
}
