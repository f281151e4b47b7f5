import ArgumentParser
import Foundation

/// A file a command will write, given on the command line.
enum OutputFile {
    /// Fails unless a file can be created at `path` (given as `flag`), so that a command finds
    /// out before its work, not after; `example` is the file name suggested when `path` is a
    /// folder.
    static func checkWritable(_ path: String, flag: String, example: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError(
                "\(flag) \(path) is a folder; give a file name such as \(URL(fileURLWithPath: path).appendingPathComponent(example).path)."
            )
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(flag) \(path): the folder \(folder) does not exist.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("\(flag) \(path): the folder \(folder) is not writable.")
        }
    }
}
