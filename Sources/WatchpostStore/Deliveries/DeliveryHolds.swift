import Foundation
import Postgres
import WatchpostCore

/// Which new deliveries the policy's `grouping` holds (D58), decided inside the transaction that
/// writes them: the recipients concerned are locked (an advisory lock each, in id order, held
/// to the commit), so two workers routing alerts to one official at once see each other's
/// decisions instead of both sending "the first message".
enum DeliveryHolds {
    /// A held delivery: when it goes out and in which group.
    struct Hold: Sendable, Hashable {
        var until: Date
        var group: String
    }

    /// The holds for `deliveries` of `alerts`, by delivery id; deliveries not listed go at once.
    /// Reads only when the policy groups and some delivery could be held.
    static func plan(
        deliveries: [Delivery],
        alerts: [Alert],
        incidents: [UUID: IncidentState],
        policy: Policy,
        now: Date,
        on connection: PostgresConnection
    ) async throws -> [UUID: Hold] {
        guard let grouping = policy.grouping, !deliveries.isEmpty else { return [:] }
        let alertsByID = Dictionary(alerts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var candidates: [(id: UUID, candidate: DeliveryHoldPlanner.Candidate)] = []
        let probe = DeliveryHoldPlanner(grouping: grouping, now: now, histories: [:])
        for delivery in deliveries {
            guard let alert = alertsByID[delivery.alertID] else { continue }
            let incident = incidents[alert.incidentID]
            let urgent = incident.map(policy.isUrgent) ?? false
            guard probe.mayHold(alert.template, urgent: urgent) else { continue }
            let deadline = alert.obligationID.flatMap { incident?.obligation($0)?.dueAt }
            candidates.append(
                (
                    delivery.id,
                    DeliveryHoldPlanner.Candidate(
                        recipient: delivery.recipient,
                        channel: delivery.channels.first?.kind,
                        template: alert.template,
                        urgent: urgent,
                        deadline: deadline
                    )
                )
            )
        }
        guard !candidates.isEmpty else { return [:] }
        let recipients = Array(Set(candidates.map(\.candidate.recipient))).sorted()
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(hashtextextended('watchpost.grouping:' || r, 0))
            FROM unnest(\(recipients)::text[]) WITH ORDINALITY AS t(r, n) ORDER BY n
            """
        )
        var planner = DeliveryHoldPlanner(
            grouping: grouping,
            now: now,
            histories: try await histories(of: recipients, grouping: grouping, now: now, on: connection)
        )
        var holds: [UUID: Hold] = [:]
        for (id, candidate) in candidates {
            if case .hold(let until, let group) = planner.decide(candidate) {
                holds[id] = Hold(until: until.roundedToMicroseconds, group: group)
            }
        }
        return holds
    }

    /// Each recipient's recent alert messages, one row per message (a group counted once).
    private static func histories(
        of recipients: [OfficerID],
        grouping: AlertGrouping,
        now: Date,
        on connection: PostgresConnection
    ) async throws -> [OfficerID: DeliveryHoldPlanner.RecipientHistory] {
        let since = now.addingTimeInterval(-2 * DeadlineDuration.seconds(grouping.horizon)).roundedToMicroseconds
        let rows = try await connection.query(
            """
            SELECT recipient,
                   bool_or(status = 'pending' AND group_key IS NOT NULL AND attempts = 0
                           AND next_attempt_at > \(now)) AS held,
                   max(coalesce(delivered_at, next_attempt_at)) AS at,
                   min(channels -> least(greatest(channel_index, 0), jsonb_array_length(channels) - 1) ->> 'kind'),
                   min(group_key)
            FROM deliveries
            WHERE recipient = ANY(\(recipients)) AND alert_id IS NOT NULL AND created_at > \(since)
              AND status IN ('pending', 'delivered')
            GROUP BY recipient, coalesce(group_key, id::text)
            """
        )
        var histories: [OfficerID: DeliveryHoldPlanner.RecipientHistory] = [:]
        for row in rows {
            let recipient = try row.decode(String.self, at: 0)
            let held = try row.decode(Bool.self, at: 1)
            let at = try row.decode(Date.self, at: 2)
            let kind = try row.decode(String?.self, at: 3).flatMap(ChannelKind.init(rawValue:))
            var history = histories[recipient] ?? DeliveryHoldPlanner.RecipientHistory()
            if held, let group = try row.decode(String?.self, at: 4) {
                history.heldGroups[group] = at
            } else {
                history.lastMessageAt = max(history.lastMessageAt ?? at, at)
            }
            if let kind { history.messagesAt[kind, default: []].append(at) }
            histories[recipient] = history
        }
        return histories
    }
}
