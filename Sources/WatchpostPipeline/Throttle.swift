/// Says when a periodic chore inside a loop (refreshing gauges) is due again: at the first look,
/// then at most once per `interval`.
struct Throttle {
    let interval: Duration
    private var last: ContinuousClock.Instant?

    init(every interval: Duration) {
        self.interval = interval
    }

    /// Whether the chore is due now; if so, the next one is `interval` from now.
    mutating func isDue() -> Bool {
        let now = ContinuousClock.now
        if let last, now - last < interval { return false }
        last = now
        return true
    }
}
