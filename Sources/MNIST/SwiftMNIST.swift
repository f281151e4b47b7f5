/// The project as a whole.
public enum SwiftMNIST {
    /// The project's version, recorded in every model file it writes (`mnist --version`).
    public static let version = "0.4.0"
}
