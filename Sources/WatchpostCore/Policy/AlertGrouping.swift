import Foundation

/// How alerts to one recipient are grouped and rate-limited (`grouping` in `routing.yaml`), so
/// that a rumour spreading over many schools pages each official a handful of times, not once
/// per school (issue 30, D58).
///
/// The first message to a recipient always goes at once. An alert with a `window` that follows
/// another message to the same recipient within that window is held until the window ends and
/// sent then, with every other alert held for that recipient, as one message that lists them.
/// Beyond the `rateLimit`, alerts are held the same way until the limit frees up. Urgent alerts
/// (`Policy.isUrgent`) and notices of failed deliveries are never held.
public struct AlertGrouping: Sendable, Hashable {
    /// The longest window the policy accepts: a held alert is never more than this late.
    public static let longestWindow: Duration = .seconds(3_600)

    /// The grouping window of each template; a template without one is only rate-limited.
    public var windows: [AlertTemplate: Duration]
    /// The most messages one recipient gets on one channel kind within a period; `nil`: no limit.
    public var rateLimit: RateLimit?

    /// At most `messages` messages per recipient per channel kind within any `per`.
    public struct RateLimit: Sendable, Hashable {
        /// How many messages.
        public var messages: Int
        /// Within how long.
        public var per: Duration

        /// Creates a rate limit.
        public init(messages: Int, per: Duration) {
            self.messages = messages
            self.per = per
        }
    }

    /// Creates a grouping policy.
    public init(windows: [AlertTemplate: Duration], rateLimit: RateLimit? = nil) {
        self.windows = windows
        self.rateLimit = rateLimit
    }

    /// The templates that are never held: failure notices stand in for an alert already late.
    public static let neverHeld: Set<AlertTemplate> = [.deliveryFailed]

    /// How far back a recipient's messages matter: the longest window or rate period.
    public var horizon: Duration {
        ([rateLimit?.per ?? .zero] + Array(windows.values)).max() ?? .zero
    }
}

extension Policy {
    /// Whether alerts about `incident` must never be held or grouped: a critical incident, a
    /// child at risk, or one with an open obligation the policy marks `urgent: true`.
    public func isUrgent(_ incident: IncidentState) -> Bool {
        incident.severity == .critical || incident.category == .childAtRisk
            || incident.openObligations.contains { spec(of: $0)?.urgent == true }
    }
}
