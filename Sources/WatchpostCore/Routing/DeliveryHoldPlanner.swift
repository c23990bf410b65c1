import Foundation

/// Decides, for new deliveries taken in order, which go at once and which are held for a
/// grouped message (`AlertGrouping`, D58). Pure: the store loads each recipient's recent
/// messages under a lock per recipient and writes what this returns.
///
/// - An urgent alert, a call (the policy asked to wake someone, D59), a failure notice, or an
///   alert with no window while the rate limit is not reached goes at once.
/// - An alert with a window joins the recipient's held group that goes out within the window
///   (of now, or of the latest message when a concurrent writer stamped it later);
///   else, when the recipient had (or is about to get) a message within the window, it opens a
///   group that goes out one window after that message; else it goes at once.
/// - Past the rate limit, it joins the recipient's held group, or opens one that goes out when
///   the limit frees up.
/// - An alert about an obligation is held only if it still goes out one window before the
///   obligation's deadline: a reminder is never late for the deadline it recalls.
public struct DeliveryHoldPlanner: Sendable {
    /// The policy's grouping section.
    public let grouping: AlertGrouping
    /// When the deliveries are written.
    public let now: Date
    private var histories: [OfficerID: RecipientHistory]

    /// What a recipient has had or will get recently, as stored.
    public struct RecipientHistory: Sendable, Hashable {
        /// When the latest message went, or goes, out without being held: a delivered alert, or
        /// a pending one due or being retried.
        public var lastMessageAt: Date?
        /// Groups held and not yet attempted, by key: when each goes out.
        public var heldGroups: [String: Date]
        /// For each channel kind, when each message (a grouped message counted once) went or
        /// goes out, within the rate period.
        public var messagesAt: [ChannelKind: [Date]]

        /// Creates a history.
        public init(
            lastMessageAt: Date? = nil,
            heldGroups: [String: Date] = [:],
            messagesAt: [ChannelKind: [Date]] = [:]
        ) {
            self.lastMessageAt = lastMessageAt
            self.heldGroups = heldGroups
            self.messagesAt = messagesAt
        }
    }

    /// One new delivery as the planner sees it.
    public struct Candidate: Sendable, Hashable {
        /// The recipient.
        public var recipient: OfficerID
        /// The kind of the recipient's first channel; `nil` when they have none.
        public var channel: ChannelKind?
        /// The alert's template.
        public var template: AlertTemplate
        /// Whether the incident is urgent (`Policy.isUrgent`).
        public var urgent: Bool
        /// The deadline of the obligation the alert is about, if any.
        public var deadline: Date?

        /// Creates a candidate.
        public init(recipient: OfficerID, channel: ChannelKind?, template: AlertTemplate, urgent: Bool, deadline: Date?)
        {
            self.recipient = recipient
            self.channel = channel
            self.template = template
            self.urgent = urgent
            self.deadline = deadline
        }
    }

    /// What becomes of one delivery.
    public enum Decision: Sendable, Hashable {
        /// Due at once.
        case sendNow
        /// Held until `until`, in the group `group`, sent as one message with the group's others.
        case hold(until: Date, group: String)
    }

    /// Creates a planner over the stored `histories` (recipients absent had no recent message).
    public init(grouping: AlertGrouping, now: Date, histories: [OfficerID: RecipientHistory]) {
        self.grouping = grouping
        self.now = now
        self.histories = histories
    }

    /// Whether a delivery of `template` about an incident that is (or not) `urgent` could be
    /// held at all; only those need a recipient's history.
    public func mayHold(_ template: AlertTemplate, urgent: Bool) -> Bool {
        !urgent && !AlertGrouping.neverHeld.contains(template)
            && (grouping.windows[template] != nil || grouping.rateLimit != nil)
    }

    /// Decides for `candidate` and remembers the outcome for the next candidates.
    public mutating func decide(_ candidate: Candidate) -> Decision {
        var history = histories[candidate.recipient] ?? RecipientHistory()
        defer { histories[candidate.recipient] = history }
        guard candidate.channel != .voice, mayHold(candidate.template, urgent: candidate.urgent) else {
            sent(&history, channel: candidate.channel)
            return .sendNow
        }
        let window = grouping.windows[candidate.template]
        var hold: (until: Date, group: String?)?
        if let window {
            let end = now + window
            // A group goes out at most one window after the message that opened it, which may
            // be stamped a little after `now` by a writer whose batch started later.
            let reach = max(end, (history.lastMessageAt ?? now) + window)
            if let group = history.heldGroups.filter({ $0.value > now && $0.value <= reach }).max(by: later) {
                hold = (group.value, group.key)
            } else if let last = history.lastMessageAt, last > now - window {
                hold = (min(last + window, end), nil)
            }
        }
        if hold == nil, let limit = grouping.rateLimit, let kind = candidate.channel {
            let recent = (history.messagesAt[kind] ?? []).filter { $0 > now - limit.per }.sorted()
            if recent.count >= limit.messages {
                if let group = history.heldGroups.filter({ $0.value > now }).max(by: later) {
                    hold = (group.value, group.key)
                } else {
                    hold = (recent[recent.count - limit.messages] + limit.per, nil)
                }
            }
        }
        guard let hold, hold.until > now else {
            sent(&history, channel: candidate.channel)
            return .sendNow
        }
        if let deadline = candidate.deadline, hold.until > deadline - (window ?? .zero) {
            sent(&history, channel: candidate.channel)
            return .sendNow
        }
        if let group = hold.group { return .hold(until: hold.until, group: group) }
        let group = Self.groupKey(recipient: candidate.recipient, until: hold.until)
        history.heldGroups[group] = hold.until
        if let kind = candidate.channel { history.messagesAt[kind, default: []].append(hold.until) }
        return .hold(until: hold.until, group: group)
    }

    /// The key of `recipient`'s group going out at `until`: readable in the outbox, and the
    /// same for two writers that open the same group.
    public static func groupKey(recipient: OfficerID, until: Date) -> String {
        "\(recipient)@\(Int64((until.timeIntervalSince1970 * 1000).rounded()))"
    }

    private func sent(_ history: inout RecipientHistory, channel: ChannelKind?) {
        history.lastMessageAt = max(history.lastMessageAt ?? now, now)
        if let channel { history.messagesAt[channel, default: []].append(now) }
    }

    private func later(_ a: (key: String, value: Date), _ b: (key: String, value: Date)) -> Bool {
        a.value != b.value ? a.value < b.value : a.key < b.key
    }
}

extension Date {
    fileprivate static func + (lhs: Date, rhs: Duration) -> Date {
        lhs.addingTimeInterval(DeadlineDuration.seconds(rhs))
    }

    fileprivate static func - (lhs: Date, rhs: Duration) -> Date {
        lhs.addingTimeInterval(-DeadlineDuration.seconds(rhs))
    }
}
