import Foundation
import WatchpostCore
import WatchpostStore

/// A related incident as `/v1` shows it (`RelatedIncident` in /openapi.yaml).
struct RelatedBody: Encodable {
    let id: String
    let unitID: String
    let status: String
    let reason: String
    let note: String?
    let relatedBy: String?
    let relatedAt: String
    let relatedAtLocal: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status, reason, note
        case unitID = "unit_id"
        case relatedBy = "related_by"
        case relatedAt = "related_at"
        case relatedAtLocal = "related_at_local"
    }

    init(_ link: IncidentLink) {
        id = link.incidentID.canonicalString
        unitID = link.unitID
        status = link.status.rawValue
        reason = link.reason
        note = link.note
        relatedBy = link.createdBy
        relatedAt = RFC3339.format(link.createdAt)
        relatedAtLocal = LocalTime.rfc3339(link.createdAt)
    }
}

/// The answer to relating or unrelating: whether anything changed, and the related incidents
/// the caller may see.
struct RelatedListBody: Encodable {
    let changed: Bool
    let related: [RelatedBody]
}
