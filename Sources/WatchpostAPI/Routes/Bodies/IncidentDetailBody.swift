import Foundation
import WatchpostCore
import WatchpostStore

/// The timeline of an incident as `GET /v1/incidents/{id}` shows it (`IncidentDetail` in
/// /openapi.yaml). The reported URLs (and evidence links) are shown only to officers, who may
/// see the incident only when they are authorised for it; a tool with the `read` scope gets
/// `"urls_withheld": true` instead, since a link to content about a child is personal data it
/// does not need to count or route. Never a name: events carry roles only. Once the incident was
/// purged under the retention policy, `purged_at` says when, and the summaries and URLs it no
/// longer has are left out rather than shown empty.
struct IncidentDetailBody: Encodable {
    let incident: Incident
    let urlsWithheld: Bool
    let obligations: [ObligationBody]
    let evidence: [EvidenceBody]
    let events: [EventBody]
    let alerts: [AlertBody]
    /// The related incidents (one rumour, other schools) the caller may see.
    let related: [RelatedBody]
    /// The merges it took part in (D60), as far as the caller may see the other incident.
    let merges: [MergeBody]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case incident, obligations, evidence, events, alerts, related, merges
        case urlsWithheld = "urls_withheld"
    }

    init(
        timeline: IncidentTimeline,
        showURLs: Bool,
        now: Date,
        related: [IncidentLink] = [],
        merges: [IncidentMergeRecord] = []
    ) {
        self.related = related.map(RelatedBody.init)
        self.merges = merges.map(MergeBody.init)
        let state = timeline.summary.state
        let purged = timeline.summary.purgedAt != nil
        incident = Incident(timeline, showURLs: showURLs, purged: purged)
        urlsWithheld = !showURLs
        obligations = state.obligations.map { ObligationBody($0, now: now) }
        evidence = state.evidence.map { EvidenceBody($0, showURLs: showURLs, purged: purged) }
        events = timeline.events.map { EventBody($0, showURLs: showURLs) }
        alerts = timeline.summary.alerts.map(AlertBody.init)
    }

    /// The incident's state.
    struct Incident: Encodable {
        let id: String
        let unitID: String
        let unitName: String?
        let authorityID: String?
        let communeID: String?
        let status: String
        let category: String
        let severity: String
        let platform: String
        let subjects: [String]
        let acknowledgedBy: [String]
        let escalationLevel: Int
        let reopenCount: Int
        let mergedInto: String?
        let summary: String?
        let urls: [String]?
        let purgedAt: String?
        let purgedAtLocal: String?
        let reportedAt: String?
        let reportedAtLocal: String?
        let openedAt: String?
        let openedAtLocal: String?
        let acknowledgedAt: String?
        let acknowledgedAtLocal: String?
        let firstActionAt: String?
        let firstActionAtLocal: String?
        let resolvedAt: String?
        let resolvedAtLocal: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, status, category, severity, platform, subjects, summary, urls
            case unitID = "unit_id"
            case unitName = "unit_name"
            case authorityID = "authority_id"
            case communeID = "commune_id"
            case acknowledgedBy = "acknowledged_by"
            case escalationLevel = "escalation_level"
            case reopenCount = "reopen_count"
            case mergedInto = "merged_into"
            case purgedAt = "purged_at"
            case purgedAtLocal = "purged_at_local"
            case reportedAt = "reported_at"
            case reportedAtLocal = "reported_at_local"
            case openedAt = "opened_at"
            case openedAtLocal = "opened_at_local"
            case acknowledgedAt = "acknowledged_at"
            case acknowledgedAtLocal = "acknowledged_at_local"
            case firstActionAt = "first_action_at"
            case firstActionAtLocal = "first_action_at_local"
            case resolvedAt = "resolved_at"
            case resolvedAtLocal = "resolved_at_local"
        }

        init(_ timeline: IncidentTimeline, showURLs: Bool, purged: Bool) {
            let state = timeline.summary.state
            id = state.id.canonicalString
            unitID = state.unitID
            unitName = timeline.unitName
            authorityID = timeline.summary.authorityID
            communeID = timeline.summary.communeID
            status = state.status.rawValue
            category = state.category.rawValue
            severity = state.severity.rawValue
            platform = state.platform.rawValue
            subjects = state.subjects.map(\.rawValue)
            acknowledgedBy = state.acknowledgedBy
            escalationLevel = state.escalationLevel
            reopenCount = state.reopenCount
            mergedInto = state.mergedInto?.canonicalString
            summary = purged ? nil : state.summary
            urls = purged || !showURLs ? nil : state.urls
            purgedAt = APIInstant.utc(timeline.summary.purgedAt)
            purgedAtLocal = APIInstant.local(timeline.summary.purgedAt)
            reportedAt = APIInstant.utc(state.reportedAt)
            reportedAtLocal = APIInstant.local(state.reportedAt)
            openedAt = APIInstant.utc(state.openedAt)
            openedAtLocal = APIInstant.local(state.openedAt)
            acknowledgedAt = APIInstant.utc(state.acknowledgedAt)
            acknowledgedAtLocal = APIInstant.local(state.acknowledgedAt)
            firstActionAt = APIInstant.utc(state.firstActionAt)
            firstActionAtLocal = APIInstant.local(state.firstActionAt)
            resolvedAt = APIInstant.utc(state.resolvedAt)
            resolvedAtLocal = APIInstant.local(state.resolvedAt)
        }
    }

    /// One report of the incident.
    struct EvidenceBody: Encodable {
        let eventID: String
        let reportedBy: SourceBody
        let platform: String
        let severity: String
        let category: String
        let subjects: [String]
        let summary: String?
        let urls: [String]?
        let reportedAt: String?
        let reportedAtLocal: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case platform, severity, category, subjects, summary, urls
            case eventID = "event_id"
            case reportedBy = "reported_by"
            case reportedAt = "reported_at"
            case reportedAtLocal = "reported_at_local"
        }

        init(_ evidence: Evidence, showURLs: Bool, purged: Bool) {
            eventID = evidence.eventID.canonicalString
            reportedBy = SourceBody(evidence.reportedBy)
            platform = evidence.platform.rawValue
            severity = evidence.severity.rawValue
            category = evidence.category.rawValue
            subjects = evidence.subjects.map(\.rawValue)
            summary = purged ? nil : evidence.summary
            urls = purged || !showURLs ? nil : evidence.urls
            reportedAt = APIInstant.utc(evidence.reportedAt)
            reportedAtLocal = APIInstant.local(evidence.reportedAt)
        }
    }

    /// One event of the timeline.
    struct EventBody: Encodable {
        let eventID: String
        let type: String
        let source: SourceBody
        let outcome: String?
        let outcomeCode: String?
        let occurredAt: String?
        let occurredAtLocal: String?
        let receivedAt: String?
        let receivedAtLocal: String?
        let data: EventDataBody?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case type, source, outcome, data
            case eventID = "event_id"
            case outcomeCode = "outcome_code"
            case occurredAt = "occurred_at"
            case occurredAtLocal = "occurred_at_local"
            case receivedAt = "received_at"
            case receivedAtLocal = "received_at_local"
        }

        init(_ event: TimelineEvent, showURLs: Bool) {
            eventID = event.eventID.canonicalString
            type = event.type.rawValue
            source = SourceBody(event.source)
            outcome = event.outcome
            outcomeCode = event.outcomeCode
            occurredAt = APIInstant.utc(event.occurredAt)
            occurredAtLocal = APIInstant.local(event.occurredAt)
            receivedAt = APIInstant.utc(event.receivedAt)
            receivedAtLocal = APIInstant.local(event.receivedAt)
            if case .success(let decoded) = EventDecoder(knownUnit: { _ in true }).decode(Array(event.envelope.utf8)) {
                data = EventDataBody(decoded.payload, showURLs: showURLs)
            } else {
                data = nil
            }
        }
    }

    /// One alert and its delivery.
    struct AlertBody: Encodable {
        let id: String
        let recipient: String
        let relation: String
        let template: String
        let reason: String
        let eventID: String?
        let obligationID: String?
        let createdAt: String?
        let createdAtLocal: String?
        let delivery: Delivery

        /// How the alert's delivery stands.
        struct Delivery: Encodable {
            let attempts: Int
            let status: String?
            let deliveredAt: String?
            let deliveredAtLocal: String?

            enum CodingKeys: String, CodingKey, CaseIterable {
                case attempts, status
                case deliveredAt = "delivered_at"
                case deliveredAtLocal = "delivered_at_local"
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, recipient, relation, template, reason, delivery
            case eventID = "event_id"
            case obligationID = "obligation_id"
            case createdAt = "created_at"
            case createdAtLocal = "created_at_local"
        }

        init(_ record: AlertRecord) {
            let alert = record.alert
            id = alert.id.canonicalString
            recipient = alert.recipient
            relation = alert.relation.rawValue
            template = alert.template.rawValue
            reason = alert.reason
            eventID = alert.eventID?.canonicalString
            obligationID = alert.obligationID?.canonicalString
            createdAt = APIInstant.utc(alert.createdAt)
            createdAtLocal = APIInstant.local(alert.createdAt)
            delivery = Delivery(
                attempts: record.attempts,
                status: record.deliveryStatus,
                deliveredAt: APIInstant.utc(record.deliveredAt),
                deliveredAtLocal: APIInstant.local(record.deliveredAt)
            )
        }
    }
}
