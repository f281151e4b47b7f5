#if Server
/// Which batches of a run the page hears about: the first, the last of every epoch, and in
/// between at most one per `interval`, however fast the batches come, so that a small network
/// does not flood the page with events and chart refreshes. It reads the clock and nothing
/// else, so it adds no allocation to the training step.
struct ProgressThrottle {
    /// The least time between two reports inside an epoch.
    var interval = Duration.milliseconds(200)
    private var lastReport: ContinuousClock.Instant?

    /// Whether the batch done at `now` is reported; `endsEpoch` when it is its epoch's last.
    mutating func reports(endsEpoch: Bool, at now: ContinuousClock.Instant = .now) -> Bool {
        if !endsEpoch, let lastReport, now - lastReport < interval { return false }
        lastReport = now
        return true
    }
}
#endif
