/// A parser accepted its input but returned something that breaks one of its properties.
@_spi(Fuzzing) public struct PropertyViolation: Error, CustomStringConvertible {
    public var description: String

    /// A broken property, described in words.
    public init(_ description: String) { self.description = description }

    /// Throws `description` unless `condition` holds.
    static func require(_ condition: Bool, _ description: @autoclosure () -> String) throws(PropertyViolation) {
        guard condition else { throw PropertyViolation(description()) }
    }
}
