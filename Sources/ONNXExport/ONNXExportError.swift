/// Why an ONNX model could not be written.
public enum ONNXExportError: Error, Equatable, CustomStringConvertible {
    /// The file could not be created or written.
    case unwritable(String, reason: String)

    public var description: String {
        switch self {
        case let .unwritable(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
