import Foundation

/// The pure half of the deadline enforcer: what to publish or send for one obligation at `now`.
/// The pipeline claims due obligations, calls these, and performs the I/O.
public enum DeadlineEnforcer {
    /// The source of every event the enforcer publishes.
    public static let source = EventSource(kind: .system, id: "deadline-enforcer")

    /// The `incident.escalated` event to publish when `obligation` is overdue at `now`, or `nil`
    /// (met, cancelled, not yet due, or already at its chain's last level).
    ///
    /// The event id is UUIDv5 of `escalation:<obligation id>:<level>` and `occurredAt` is the
    /// missed deadline, so publishing twice (after a crash, or from two workers) yields the
    /// same event, which the store keeps once.
    public static func escalationEvent(for obligation: Obligation, incident: IncidentState, policy: Policy, now: Date)
        -> Event?
    {
        guard obligation.status == .open, incident.status.isOpen, let dueAt = obligation.dueAt, dueAt <= now,
            policy.chains[obligation.chain]?.level(obligation.level + 1) != nil
        else { return nil }
        let level = obligation.level + 1
        return Event(
            eventID: DerivedID.escalationEvent(obligation: obligation.id, level: level),
            incidentID: incident.id,
            occurredAt: dueAt,
            source: source,
            unitID: incident.unitID,
            payload: .escalated(
                IncidentEscalated(
                    level: level,
                    reason: .deadlineMissed,
                    obligationID: obligation.id,
                    note: "\(obligation.kind.rawValue) due \(LocalTime.format(dueAt, locale: .en))"
                )
            )
        )
    }

    /// The reminder due for `obligation` at `now`: only the latest reminder instant that has
    /// passed (an enforcer that was down does not send a burst of stale reminders), and only
    /// before the deadline. Ids are deterministic per reminder instant, so the store keeps
    /// each reminder once however often this is called.
    public static func dueReminder(
        for obligation: Obligation,
        incident: IncidentState,
        directory: Directory,
        now: Date
    ) -> (alerts: [Alert], deliveries: [Delivery]) {
        guard obligation.status == .open, incident.status.isOpen,
            let dueAt = obligation.dueAt, now < dueAt,
            let instant = obligation.remindersAt.last(where: { $0 <= now })
        else { return ([], []) }
        var alerts: [Alert] = []
        var deliveries: [Delivery] = []
        // The officer holding the post it was opened for (the absent one, when a delegate owns
        // it), or whoever stands in for them at the reminder's instant.
        let post = obligation.delegatedFrom ?? obligation.ownerOfficerID
        let holders = directory.officers(obligation.ownerRelation, of: incident.unitID).filter {
            post == nil || $0.id == post
        }
        var seen: Set<OfficerID> = []
        let owners = holders.compactMap { directory.standingIn(for: $0, at: instant) }.filter {
            seen.insert($0.id).inserted
        }
        for officer in owners {
            let alert = Alert(
                id: DerivedID.alert(
                    incident: incident.id,
                    cause: DerivedID.reminderCause(obligation: obligation.id, at: instant),
                    officer: officer.id,
                    template: .obligationReminder
                ),
                incidentID: incident.id,
                eventID: nil,
                recipient: officer.id,
                relation: obligation.ownerRelation,
                template: .obligationReminder,
                reason: "reminder:\(obligation.kind.rawValue)",
                obligationID: obligation.id,
                createdAt: instant
            )
            alerts.append(alert)
            deliveries.append(
                Delivery(
                    id: DerivedID.delivery(alert: alert.id),
                    alertID: alert.id,
                    recipient: officer.id,
                    locale: officer.locale,
                    channels: officer.channels
                )
            )
        }
        return (alerts, deliveries)
    }

    /// When the enforcer next needs to look at `obligation` after `now`: its next reminder or
    /// its deadline, whichever is sooner; `nil` when nothing more can happen.
    public static func nextWakeUp(for obligation: Obligation, after now: Date) -> Date? {
        guard obligation.status == .open, let dueAt = obligation.dueAt else { return nil }
        let reminder = obligation.remindersAt.first(where: { $0 > now })
        return [reminder, dueAt].compactMap { $0 }.min()
    }
}
