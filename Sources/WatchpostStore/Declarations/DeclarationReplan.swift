import Foundation
import Postgres
import WatchpostCore

/// What a declaration changes in obligations already open when it is made (issue 29), applied
/// by a worker's enforcer, one revision at a time and each once (`declaration_state`):
///
/// - a closure declared or withdrawn moves the working-time deadlines of open obligations at
///   the schools it covers (`Obligation.replanned`), unless they were planned at that revision
///   or later (`obligations.calendar_revision`);
/// - an absence with a delegate hands the absent officer's open obligations that fall due
///   while they are away to the delegate (`delegated_from` keeps who held them, so the report
///   counts them for the delegate); withdrawing it hands them back.
enum DeclarationReplan {
    /// What one pass did.
    struct Outcome: Sendable, Hashable {
        /// Revisions applied.
        var revisions = 0
        /// Obligations whose deadline moved.
        var moved = 0
        /// Obligations handed to a delegate or back.
        var handedOver = 0
    }

    /// Applies up to `limit` revisions not applied yet, in order; nothing when another worker
    /// (or a declaration being written) holds `declaration_state`.
    static func run(
        source: DirectorySource,
        now: Date,
        limit: Int,
        on connection: PostgresConnection
    ) async throws -> Outcome {
        var outcome = Outcome()
        // A plain read first: locking the row writes, and most rounds have nothing to apply.
        guard
            let state = try await connection.query(
                "SELECT revision > replanned_revision FROM declaration_state WHERE only_row"
            ).first, try state.decode(Bool.self, at: 0)
        else { return outcome }
        guard
            let row = try await connection.query(
                "SELECT revision, replanned_revision FROM declaration_state WHERE only_row FOR UPDATE SKIP LOCKED"
            ).first
        else { return outcome }
        let latest = try row.decode(Int64.self, at: 0)
        let applied = try row.decode(Int64.self, at: 1)
        guard applied < latest else { return outcome }
        let last = min(latest, applied + Int64(max(1, limit)))
        var before = try await source.directory(at: applied, on: connection)
        for revision in (applied + 1)...last {
            let after = try await source.directory(at: revision, on: connection)
            let changed = try await connection.query(
                """
                SELECT \(unescaped: Declaration.columns) FROM declarations
                WHERE declared_revision = \(revision) OR withdrawn_revision = \(revision)
                """
            ).first.map(Declaration.decode)
            switch changed?.subject {
            case .closure(let unit):
                outcome.moved += try await moveDeadlines(
                    below: unit,
                    from: before,
                    to: after,
                    revision: revision,
                    now: now,
                    on: connection
                )
            case .absence(let officer, let delegate?):
                let away = changed.map { AwayDays(first: $0.first, last: $0.last) }
                outcome.handedOver += try await handOver(
                    from: officer,
                    to: delegate,
                    during: away,
                    back: changed?.isInForce == false,
                    on: connection
                )
            case .absence(_, nil), .duty, nil:
                // A duty period changes who is alerted from now on, not what is owed.
                break
            }
            outcome.revisions += 1
            before = after
        }
        try await connection.execute("UPDATE declaration_state SET replanned_revision = \(last) WHERE only_row")
        if outcome.moved + outcome.handedOver > 0 { try await connection.notify(StoreChannel.deadlines) }
        return outcome
    }

    private struct AwayDays: DaySpan {
        var first: CivilDay
        var last: CivilDay
    }

    /// Moves the open working-time deadlines at the schools at or below `unit` from the
    /// calendar of `before` to that of `after`; returns how many moved.
    private static func moveDeadlines(
        below unit: UnitID,
        from before: Directory,
        to after: Directory,
        revision: Int64,
        now: Date,
        on connection: PostgresConnection
    ) async throws -> Int {
        let schools = after.schools.map(\.id).filter { after.unit($0, isAtOrBelow: unit) }
        guard !schools.isEmpty else { return 0 }
        let incidentIDs = try await connection.query(
            """
            SELECT DISTINCT o.incident_id FROM obligations o JOIN incidents i ON i.id = o.incident_id
            WHERE i.unit_id = ANY(\(schools)) AND o.status = 'open' AND o.clock = 'working' AND o.due_at > \(now)
              AND o.calendar_revision < \(revision)
            """
        ).map { try $0.decode(UUID.self, at: 0) }
        guard !incidentIDs.isEmpty else { return 0 }
        // The batches' lock order (incident advisory locks first), so a batch and this never deadlock.
        try await BatchRun.lockIncidents(Set(incidentIDs), on: connection)
        let rows = try await connection.query(
            """
            SELECT \(unescaped: ObligationRow.columns),
                (SELECT i.unit_id FROM incidents i WHERE i.id = o.incident_id)
            FROM obligations o
            WHERE o.incident_id = ANY(\(incidentIDs)) AND o.status = 'open' AND o.clock = 'working'
              AND o.due_at > \(now) AND o.calendar_revision < \(revision)
            ORDER BY o.id FOR UPDATE
            """
        )
        var moved: [Obligation] = []
        for row in rows {
            let obligation = try ObligationRow.decode(row)
            let school = try row.decode(String.self, at: ObligationRow.count)
            if let replanned = obligation.replanned(
                from: before.calendar(for: school),
                to: after.calendar(for: school),
                now: now
            ) {
                moved.append(replanned)
            }
        }
        guard !moved.isEmpty else { return 0 }
        let next = moved.map { obligation in
            obligation.remindersAt.first { reminder in reminder > now && obligation.dueAt.map { reminder < $0 } ?? false
            }
        }
        try await connection.execute(
            """
            UPDATE obligations AS o SET due_at = u.due_at, reminders_at = u.reminders_at::timestamptz[],
                next_reminder_at = u.next_reminder_at, calendar_revision = \(revision)
            FROM unnest(\(moved.map(\.id))::uuid[], \(moved.map(\.dueAt))::timestamptz[],
                        \(try moved.map { try $0.remindersAt.arrayLiteral() })::text[], \(next)::timestamptz[])
                AS u(id, due_at, reminders_at, next_reminder_at)
            WHERE o.id = u.id
            """
        )
        return moved.count
    }

    /// Hands `officer`'s open obligations due during `away` to `delegate`, or with `back`, the
    /// delegate's obligations held for `officer` back to them; returns how many.
    private static func handOver(
        from officer: OfficerID,
        to delegate: OfficerID,
        during away: AwayDays?,
        back: Bool,
        on connection: PostgresConnection
    ) async throws -> Int {
        guard let away else { return 0 }
        let first = away.first.at(hour: 0)
        let end = away.last.adding(days: 1).at(hour: 0)
        let (holder, heldFor, newHolder, newHeldFor): (String, String?, String, String?) =
            back ? (delegate, officer, officer, nil) : (officer, nil, delegate, officer)
        let incidentIDs = try await connection.query(
            """
            SELECT DISTINCT incident_id FROM obligations
            WHERE status = 'open' AND owner_officer_id = \(holder) AND delegated_from IS NOT DISTINCT FROM \(heldFor)
              AND due_at >= \(first) AND due_at < \(end)
            """
        ).map { try $0.decode(UUID.self, at: 0) }
        guard !incidentIDs.isEmpty else { return 0 }
        try await BatchRun.lockIncidents(Set(incidentIDs), on: connection)
        return try await connection.execute(
            """
            UPDATE obligations SET owner_officer_id = \(newHolder), delegated_from = \(newHeldFor)
            WHERE incident_id = ANY(\(incidentIDs)) AND status = 'open' AND owner_officer_id = \(holder)
              AND delegated_from IS NOT DISTINCT FROM \(heldFor) AND due_at >= \(first) AND due_at < \(end)
            """
        )
    }
}
