#if ONNX  // the package trait that builds this module (Package.swift)
/// Why an ONNX model could not be written.
public enum ONNXExportError: Error, Equatable, CustomStringConvertible {
    /// The protobuf encoder refused the model (a bug: every field it needs is set).
    case encoding(String)
    /// The file could not be created or written.
    case unwritable(String, reason: String)

    public var description: String {
        switch self {
        case let .encoding(reason): "cannot encode the ONNX model: \(reason)"
        case let .unwritable(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
#endif
