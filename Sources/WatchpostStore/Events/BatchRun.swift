import Foundation
import Postgres
import WatchpostCore

/// One batch inside its transaction: the locked incident states, the routing pass over them in
/// memory, and the bulk write of everything it decided.
struct BatchRun {
    let events: [InboundEvent]
    let directory: Directory
    /// The revision of the declarations laid over `directory`, stored with each deadline it plans.
    let calendarRevision: Int64
    let policy: Policy
    let now: Date
    /// The states as loaded, to tell what changed.
    let initial: [UUID: IncidentState]
    /// The states as routing leaves them.
    var states: [UUID: IncidentState]
    /// The open incident per unit and dedup key, for reports of a post already reported.
    var openByKey: [DedupSlot: UUID] = [:]
    /// The incident each alias id stands for: stored ones, plus those this batch makes, so that
    /// an acknowledgement after a merged report in the same batch already finds its incident.
    var aliases: [UUID: UUID] = [:]
    /// Aliases made by this batch, to write.
    var newAliases: [IncidentAliases.Alias] = []
    var touched: [UUID] = []
    var touchedSet: Set<UUID> = []
    var routed: [EventLog.Routed] = []
    var alerts: [Alert] = []
    var deliveries: [Delivery] = []
    var rejections: [RejectedInput] = []
    var applied = 0
    var ignored = 0
    var opened = 0

    struct DedupSlot: Hashable {
        var unit: UnitID
        var key: String
    }

    /// Locks (rows, `FOR UPDATE`) and loads every incident the batch can touch: the events' own
    /// incidents, the incidents their alias ids stand for, and the open incidents its reports
    /// may attach to. Call with the advisory locks of the events' incident ids held.
    static func start(
        _ events: [InboundEvent],
        directory: Directory,
        calendarRevision: Int64,
        policy: Policy,
        now: Date,
        on connection: PostgresConnection
    ) async throws -> BatchRun {
        // A merge or unmerge also names its survivor, which is locked and changed with it (D60).
        let named = Array(Set(events.map(\.event.incidentID) + events.compactMap(\.event.payload.survivorID)))
        let aliases = try await IncidentAliases.resolve(named, on: connection)
        let incidentIDs = Array(Set(named).union(aliases.values))
        var slots: [DedupSlot] = []
        for inbound in events {
            if case .reported(let report) = inbound.event.payload {
                slots.append(DedupSlot(unit: inbound.event.unitID, key: report.dedupKey))
            }
        }
        slots = Array(Set(slots))
        let states = try await IncidentLoader.load(
            ids: incidentIDs,
            dedupKeys: slots.map { ($0.unit, $0.key) },
            lock: true,
            on: connection
        )
        var run = BatchRun(
            events: events,
            directory: directory,
            calendarRevision: calendarRevision,
            policy: policy,
            now: now,
            initial: states,
            states: states,
            aliases: aliases
        )
        // With several open incidents for one post (a reopened one and a newer one), the
        // earliest opened wins, the same choice every worker makes.
        let byOpening = states.values.sorted { lhs, rhs in
            lhs.openedAt != rhs.openedAt ? lhs.openedAt < rhs.openedAt : lhs.id.sortsBefore(rhs.id)
        }
        for state in byOpening where state.status.isOpen {
            let slot = DedupSlot(unit: state.unitID, key: state.dedupKey)
            if run.openByKey[slot] == nil { run.openByKey[slot] = state.id }
        }
        return run
    }

    /// Takes a transaction-scoped advisory lock per incident id, in a fixed order. Unlike row
    /// locks these also cover incidents that do not exist yet, so two workers can never both
    /// store the same event or create the same incident.
    static func lockIncidents(_ ids: Set<UUID>, on connection: PostgresConnection) async throws {
        guard !ids.isEmpty else { return }
        try await connection.query(
            """
            SELECT count(pg_advisory_xact_lock(\(Self.lockNamespace), k))
            FROM (SELECT DISTINCT hashtext(id::text) AS k FROM unnest(\(Array(ids))::uuid[]) AS id ORDER BY k) AS keys
            """
        )
    }

    /// The advisory lock namespace (first key of the two-key form) for incident ids.
    static let lockNamespace: Int32 = 0x5750_4943

    /// Routes every event in order, threading incident state in memory.
    mutating func route() {
        for inbound in events {
            let event = inbound.event
            var duplicateOf: IncidentState?
            if case .reported(let report) = event.payload,
                let id = openByKey[DedupSlot(unit: event.unitID, key: report.dedupKey)]
            {
                duplicateOf = states[id]
            }
            // An alias id is routed against the incident it stands for. The router never compares
            // the event's incident id with the state's, so the event goes in unchanged and is
            // stored with its own incident id (and the applied one).
            let decision = Router.route(
                RoutingInput(
                    event: event,
                    incident: states[aliases[event.incidentID] ?? event.incidentID],
                    openIncidentForDedupKey: duplicateOf,
                    survivor: event.payload.survivorID.flatMap { states[aliases[$0] ?? $0] },
                    directory: directory,
                    policy: policy,
                    now: now
                )
            )
            var appliedTo: UUID?
            switch decision.outcome {
            case .applied:
                applied += 1
                if let id = decision.incidentID, let state = decision.incident {
                    appliedTo = id
                    remember(state)
                    if let survivor = decision.survivor { remember(survivor) }
                    noteAlias(event, appliedTo: id)
                }
                alerts += decision.alerts
                deliveries += decision.deliveries
                opened += decision.obligationsOpened.count
            case .ignored:
                ignored += 1
                appliedTo = decision.incidentID
            case .rejected(let note):
                rejections.append(.routing(inbound, note: note))
            }
            routed.append(EventLog.Routed(inbound: inbound, outcome: decision.outcome, appliedIncidentID: appliedTo))
        }
    }

    /// A report attached to another incident makes its incident id an alias of that incident.
    /// Only an id that is neither an incident nor an alias yet (so no chains form); a report
    /// sent again under an alias id is routed against the aliased incident as above.
    private mutating func noteAlias(_ event: Event, appliedTo incidentID: UUID) {
        guard case .reported = event.payload, incidentID != event.incidentID, aliases[event.incidentID] == nil,
            states[event.incidentID] == nil
        else { return }
        aliases[event.incidentID] = incidentID
        newAliases.append(
            IncidentAliases.Alias(aliasID: event.incidentID, incidentID: incidentID, eventID: event.eventID)
        )
    }

    private mutating func remember(_ state: IncidentState) {
        if touchedSet.insert(state.id).inserted { touched.append(state.id) }
        states[state.id] = state
        let slot = DedupSlot(unit: state.unitID, key: state.dedupKey)
        if state.status.isOpen {
            if openByKey[slot] == nil { openByKey[slot] = state.id }
        } else if openByKey[slot] == state.id {
            openByKey[slot] = nil
        }
    }

    /// Writes what routing decided, one bulk statement per table, and fills in `summary`.
    func write(into summary: inout BatchSummary, on connection: PostgresConnection) async throws {
        var changedIncidents: [IncidentState] = []
        var evidence: [(incidentID: UUID, position: Int, evidence: Evidence)] = []
        var obligations: [(ordinal: Int, obligation: Obligation)] = []
        for id in touched {
            guard let state = states[id] else { continue }
            let before = initial[id]
            if before != state { changedIncidents.append(state) }
            let known = Set(before?.evidence.map(\.eventID) ?? [])
            for (position, item) in state.evidence.enumerated() where !known.contains(item.eventID) {
                evidence.append((id, position, item))
            }
            for (ordinal, obligation) in state.obligations.enumerated()
            where before?.obligation(obligation.id) != obligation {
                obligations.append((ordinal, obligation))
            }
        }
        try await IncidentWriter.upsert(changedIncidents, directory: directory, now: now, on: connection)
        try await IncidentWriter.insertEvidence(evidence, on: connection)
        try await IncidentWriter.upsertObligations(obligations, calendarRevision: calendarRevision, on: connection)
        try await IncidentAliases.insert(newAliases, now: now, on: connection)
        try await IncidentMerges.record(routed, now: now, on: connection)
        try await IncidentLinks.linkSameContent(
            changedIncidents.filter { initial[$0.id] == nil }.map(\.id),
            now: now,
            on: connection
        )
        let holds = try await DeliveryHolds.plan(
            deliveries: deliveries,
            alerts: alerts,
            incidents: states,
            policy: policy,
            now: now,
            on: connection
        )
        let written = try await AlertWriter.insert(
            alerts: alerts,
            deliveries: deliveries,
            holds: holds,
            now: now,
            on: connection
        )
        try await DeliveryStore.cancelPointless(
            after: obligations.map(\.obligation),
            incidents: changedIncidents,
            on: connection
        )
        try await EventLog.insert(routed, now: now, on: connection)
        _ = try await EventLog.insert(rejections, now: now, on: connection)
        if !obligations.isEmpty || written.deliveries > 0 {
            try await connection.query(
                """
                SELECT CASE WHEN \(!obligations.isEmpty) THEN pg_notify(\(StoreChannel.deadlines), '') END,
                       CASE WHEN \(written.deliveries > 0) THEN pg_notify(\(StoreChannel.deliveries), '') END
                """
            )
        }
        summary.applied = applied
        summary.ignored = ignored
        summary.routingRejected = rejections
        summary.obligationsOpened = opened
        summary.alerts = written.alerts
        summary.deliveries = written.deliveries
    }
}
