import Foundation

/// Why reading or writing a file failed, in a few plain words ("no such file", "permission
/// denied") instead of Foundation's "The operation could not be completed" sentences.
package enum FileProblem {
    /// The reason for `error`, thrown by a Foundation file operation.
    package static func reason(_ error: any Error) -> String {
        let error = error as NSError
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        if let posix = error.domain == NSPOSIXErrorDomain ? error : underlying, posix.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(posix.code))
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "the disk is full"
        case .fileWriteVolumeReadOnly: return "the disk is read-only"
        default: return error.localizedDescription
        }
    }

    /// The reason for a failed system call's `errno`.
    package static func reason(errno: Int32) -> String {
        switch errno {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "it is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        case ENOSPC: "the disk is full"
        case EROFS: "the disk is read-only"
        default: String(cString: strerror(errno)).lowercased()
        }
    }
}
