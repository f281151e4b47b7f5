/// What one data file is checked against when it is fetched.
public enum FileChecksum: Sendable, Equatable {
    /// The SHA-256 of the decompressed file, as 64 lowercase hexadecimal digits. Mirrors that
    /// recompress the archive keep this checksum.
    case content(String)
    /// The SHA-256 of the `.gz` archive itself, as published, as 64 lowercase hexadecimal
    /// digits: for a data set whose content checksums are not known, only its original archives pass.
    case archive(String)
}
