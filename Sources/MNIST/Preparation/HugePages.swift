#if os(Linux)
import Glibc
#endif

/// Moves a large array onto 2 MB memory pages, where the system allows it.
///
/// Training batches are gathered from images at random places in tens of megabytes of
/// pixels. With the usual 4 KB pages nearly every image needs an address translation that
/// is in no cache (and a virtual machine's are slow); with 2 MB pages the whole set needs a
/// few dozen. On Linux 6.1 and later, `madvise(MADV_COLLAPSE)` copies the pages onto huge
/// ones at once (about 0.1 s for MNIST's 40 MB, paid back within a few epochs, so only the
/// training set asks for it); anywhere else, or when the system has huge pages turned off,
/// nothing changes. The contents are never touched.
enum HugePages {
    /// The size of an x86-64 and arm64 huge page.
    static let size = 2 << 20
    #if os(Linux)
    /// `MADV_COLLAPSE` from Linux's `mman-common.h`, newer than this system's C headers.
    private static let collapse: Int32 = 25
    #endif

    /// Asks for the whole huge pages inside `bytes` to be backed by huge pages.
    static func collapse(_ bytes: UnsafeRawBufferPointer) {
        #if os(Linux)
        guard let base = bytes.baseAddress else { return }
        let start = (Int(bitPattern: base) + size - 1) / size * size
        let end = (Int(bitPattern: base) + bytes.count) / size * size
        guard end > start else { return }
        // Best effort: a refusal (an older kernel, huge pages off) leaves the small pages.
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, collapse)
        #endif
    }
}
