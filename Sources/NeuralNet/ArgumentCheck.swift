/// Stops the program with `message` unless `condition` holds. The engine checks the arguments
/// of its public API with it, not with `precondition`, whose message optimized builds drop:
/// a caller's mistake (a batch size of 0, data of the wrong width) then says what was wrong
/// in a release build too.
@inline(__always)
package func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
