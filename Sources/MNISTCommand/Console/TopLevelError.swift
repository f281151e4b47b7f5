import Foundation
import Images

/// An error that ends a command, as the tool prints it. The argument parser prints
/// Foundation's own errors (a file that cannot be read or written, a program that cannot
/// start) as NSError dumps, `Error Domain=NSCocoaErrorDomain Code=260 "…" UserInfo={…}`;
/// worded here, they read as the tool's own: `Error: /tmp/mnist: no such file`.
enum TopLevelError {
    /// `error` in plain words when it is one of Foundation's, else `error` itself.
    static func worded(_ error: any Error) -> any Error {
        guard type(of: error) is NSError.Type || error is CocoaError || error is POSIXError else { return error }
        let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String
        return CommandError((path.map { "\($0): " } ?? "") + FileProblem.reason(error))
    }
}
