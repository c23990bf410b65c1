import Foundation
import WatchpostCore
import WatchpostStore

/// One incident of `GET /v1/incidents` (`IncidentListItem` in /openapi.yaml).
struct IncidentListItemBody: Encodable {
    let id: String
    let unitID: String
    let unitName: String?
    let status: String
    let category: String
    let severity: String
    let platform: String
    let escalationLevel: Int
    let openObligations: Int
    let reportedAt: String?
    let reportedAtLocal: String?
    let openedAt: String?
    let openedAtLocal: String?
    let resolvedAt: String?
    let resolvedAtLocal: String?
    let nextDueAt: String?
    let nextDueAtLocal: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status, category, severity, platform
        case unitID = "unit_id"
        case unitName = "unit_name"
        case escalationLevel = "escalation_level"
        case openObligations = "open_obligations"
        case reportedAt = "reported_at"
        case reportedAtLocal = "reported_at_local"
        case openedAt = "opened_at"
        case openedAtLocal = "opened_at_local"
        case resolvedAt = "resolved_at"
        case resolvedAtLocal = "resolved_at_local"
        case nextDueAt = "next_due_at"
        case nextDueAtLocal = "next_due_at_local"
    }

    init(_ item: IncidentListItem) {
        id = item.id.canonicalString
        unitID = item.unitID
        unitName = item.unitName
        status = item.status.rawValue
        category = item.category.rawValue
        severity = item.severity.rawValue
        platform = item.platform.rawValue
        escalationLevel = item.escalationLevel
        openObligations = item.openObligations
        reportedAt = APIInstant.utc(item.reportedAt)
        reportedAtLocal = APIInstant.local(item.reportedAt)
        openedAt = APIInstant.utc(item.openedAt)
        openedAtLocal = APIInstant.local(item.openedAt)
        resolvedAt = APIInstant.utc(item.resolvedAt)
        resolvedAtLocal = APIInstant.local(item.resolvedAt)
        nextDueAt = APIInstant.utc(item.nextDueAt)
        nextDueAtLocal = APIInstant.local(item.nextDueAt)
    }
}

/// `GET /v1/incidents`.
struct IncidentListBody: Encodable {
    let incidents: [IncidentListItemBody]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case incidents
    }
}
