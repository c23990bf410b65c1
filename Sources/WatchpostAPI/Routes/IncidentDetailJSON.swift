import Foundation
import WatchpostCore
import WatchpostStore

/// The timeline of an incident as `GET /v1/incidents/{id}` shows it. The reported URLs (and
/// evidence links) are shown only to officers, who may see the incident only when they are
/// authorised for it; a tool with the `read` scope gets `"urls_withheld": true` instead, since a
/// link to content about a child is personal data it does not need to count or route. Never a
/// name: events carry roles only. Once the incident was purged under the retention policy,
/// `purged_at` says when, and the summaries and URLs it no longer has are left out rather than
/// shown empty.
struct IncidentDetailJSON {
    var timeline: IncidentTimeline
    var showURLs: Bool
    var now: Date

    func object() -> [String: Any] {
        let state = timeline.summary.state
        var incident: [String: Any] = [
            "id": state.id.canonicalString,
            "unit_id": state.unitID,
            "status": state.status.rawValue,
            "category": state.category.rawValue,
            "severity": state.severity.rawValue,
            "platform": state.platform.rawValue,
            "subjects": state.subjects.map(\.rawValue),
            "acknowledged_by": state.acknowledgedBy,
            "escalation_level": state.escalationLevel,
            "reopen_count": state.reopenCount,
        ]
        incident["unit_name"] = timeline.unitName
        incident["authority_id"] = timeline.summary.authorityID
        incident["commune_id"] = timeline.summary.communeID
        if !purged {
            incident["summary"] = state.summary
            if showURLs { incident["urls"] = state.urls }
        }
        TimeJSON.add("purged_at", timeline.summary.purgedAt, to: &incident)
        TimeJSON.add("reported_at", state.reportedAt, to: &incident)
        TimeJSON.add("opened_at", state.openedAt, to: &incident)
        TimeJSON.add("acknowledged_at", state.acknowledgedAt, to: &incident)
        TimeJSON.add("first_action_at", state.firstActionAt, to: &incident)
        TimeJSON.add("resolved_at", state.resolvedAt, to: &incident)
        return [
            "incident": incident,
            "urls_withheld": !showURLs,
            "obligations": state.obligations.map { ObligationJSON.object($0, now: now) },
            "evidence": state.evidence.map(evidence),
            "events": timeline.events.map(event),
            "alerts": timeline.summary.alerts.map(alert),
        ]
    }

    /// Whether the details were removed under the retention policy.
    private var purged: Bool { timeline.summary.purgedAt != nil }

    private func evidence(_ evidence: Evidence) -> [String: Any] {
        var object: [String: Any] = [
            "event_id": evidence.eventID.canonicalString,
            "reported_by": ["kind": evidence.reportedBy.kind.rawValue, "id": evidence.reportedBy.id],
            "platform": evidence.platform.rawValue,
            "severity": evidence.severity.rawValue,
            "category": evidence.category.rawValue,
            "subjects": evidence.subjects.map(\.rawValue),
        ]
        if !purged {
            object["summary"] = evidence.summary
            if showURLs { object["urls"] = evidence.urls }
        }
        TimeJSON.add("reported_at", evidence.reportedAt, to: &object)
        return object
    }

    private func event(_ event: TimelineEvent) -> [String: Any] {
        var object: [String: Any] = [
            "event_id": event.eventID.canonicalString,
            "type": event.type.rawValue,
            "source": ["kind": event.source.kind.rawValue, "id": event.source.id],
        ]
        object["outcome"] = event.outcome
        object["outcome_code"] = event.outcomeCode
        TimeJSON.add("occurred_at", event.occurredAt, to: &object)
        TimeJSON.add("received_at", event.receivedAt, to: &object)
        if case .success(let decoded) = EventDecoder(knownUnit: { _ in true }).decode(Array(event.envelope.utf8)) {
            object["data"] = EventDataJSON.object(decoded.payload, showURLs: showURLs)
        }
        return object
    }

    private func alert(_ record: AlertRecord) -> [String: Any] {
        let alert = record.alert
        var object: [String: Any] = [
            "id": alert.id.canonicalString,
            "recipient": alert.recipient,
            "relation": alert.relation.rawValue,
            "template": alert.template.rawValue,
            "reason": alert.reason,
        ]
        object["event_id"] = alert.eventID?.canonicalString
        object["obligation_id"] = alert.obligationID?.canonicalString
        TimeJSON.add("created_at", alert.createdAt, to: &object)
        var delivery: [String: Any] = ["attempts": record.attempts]
        delivery["status"] = record.deliveryStatus
        TimeJSON.add("delivered_at", record.deliveredAt, to: &delivery)
        object["delivery"] = delivery
        return object
    }
}
