/// How many threads a kernel's products use: a fixed number, or `automatic`, which lets an
/// `AdaptiveKernel` choose between one thread and all cores as it runs.
public enum ThreadSetting: Hashable, Sendable, CustomStringConvertible {
    /// One thread or `cores` threads, whichever an `AdaptiveKernel` measures to be faster.
    case automatic(cores: Int)
    /// Always this many threads.
    case fixed(Int)

    public var description: String {
        switch self {
        case let .automatic(cores): cores > 1 ? "auto (1 or \(cores), chosen as it runs)" : "1"
        case let .fixed(count): "\(count)"
        }
    }
}

extension KernelKind {
    /// A kernel of this kind with the given thread setting.
    public func make(_ setting: ThreadSetting) -> any GEMMKernel {
        switch setting {
        case let .fixed(count):
            make(threads: count)
        case let .automatic(cores) where cores > 1:
            AdaptiveKernel(candidates: [make(threads: 1), make(threads: cores)])
        case .automatic:
            make(threads: 1)
        }
    }
}
