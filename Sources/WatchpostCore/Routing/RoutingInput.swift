import Foundation

/// Everything the router needs to decide what one event does; nothing else is consulted.
public struct RoutingInput: Sendable {
    /// The event to route.
    public var event: Event
    /// The current state of `event.incidentID`, or `nil` when no such incident exists yet.
    public var incident: IncidentState?
    /// For `incident.reported` with no existing incident: the open incident in the same unit
    /// with the same dedup key, if the store has one. The report then attaches to it.
    public var openIncidentForDedupKey: IncidentState?
    /// For `incident.merged` and `incident.unmerged`: the state of the incident the event names
    /// (`into`, `from`: the survivor), when the store has one.
    public var survivor: IncidentState?
    /// The organisation tree and officers.
    public var directory: Directory
    /// The routing policy.
    public var policy: Policy
    /// When the event is applied; deadlines count from here, because nobody can act before
    /// they are told.
    public var now: Date

    /// Creates an input.
    public init(
        event: Event,
        incident: IncidentState?,
        openIncidentForDedupKey: IncidentState? = nil,
        survivor: IncidentState? = nil,
        directory: Directory,
        policy: Policy,
        now: Date
    ) {
        self.event = event
        self.incident = incident
        self.openIncidentForDedupKey = openIncidentForDedupKey
        self.survivor = survivor
        self.directory = directory
        self.policy = policy
        self.now = now
    }
}

extension RoutingInput {
    /// The school's working calendar (`Directory.calendar(for:)`).
    var calendar: WorkingCalendar { directory.calendar(for: event.unitID) }

    /// The deadline `duration` after `start` (by default now) on `clock` and the school's
    /// calendar: one incident's deadlines all run on its school's calendar, which inherits its
    /// authority's.
    func due(_ duration: Duration, clock: DeadlineClock, from start: Date? = nil) -> Date {
        clock.due(after: duration, from: start ?? now, on: calendar)
    }

    /// The reminders `offsets` before `dueAt` on `clock`, earliest first.
    func reminders(_ offsets: [Duration], before dueAt: Date, clock: DeadlineClock) -> [Date] {
        clock.reminders(offsets, before: dueAt, on: calendar)
    }
}
