import Foundation
import WatchpostCore
import WatchpostStore

/// An obligation as `/v1` shows it (`Obligation` in /openapi.yaml): what is owed, on which
/// incident, by when (UTC, Vietnam time, seconds left) and why, in both languages. In
/// `GET /v1/me/obligations` each carries its incident's school and state.
struct ObligationBody: Encodable {
    let id: String
    let incidentID: String
    let kind: String
    let ownerRelation: String
    let ownerOfficerID: String?
    let status: String
    let level: Int
    let reasonVI: String
    let reasonEN: String
    let legalBasis: String
    let openedAt: String?
    let openedAtLocal: String?
    let dueAt: String?
    let dueAtLocal: String?
    let dueAtTextVI: String?
    let dueAtTextEN: String?
    let closedAt: String?
    let closedAtLocal: String?
    /// For an open obligation with a deadline: seconds until it, negative once passed.
    let secondsLeft: Int?
    let overdue: Bool?
    let incident: IncidentRef?

    /// The incident of one of the caller's obligations.
    struct IncidentRef: Encodable {
        let id: String
        let unitID: String
        let unitName: String?
        let status: String
        let category: String
        let severity: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, status, category, severity
            case unitID = "unit_id"
            case unitName = "unit_name"
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, status, level, overdue, incident
        case incidentID = "incident_id"
        case ownerRelation = "owner_relation"
        case ownerOfficerID = "owner_officer_id"
        case reasonVI = "reason_vi"
        case reasonEN = "reason_en"
        case legalBasis = "legal_basis"
        case openedAt = "opened_at"
        case openedAtLocal = "opened_at_local"
        case dueAt = "due_at"
        case dueAtLocal = "due_at_local"
        case dueAtTextVI = "due_at_text_vi"
        case dueAtTextEN = "due_at_text_en"
        case closedAt = "closed_at"
        case closedAtLocal = "closed_at_local"
        case secondsLeft = "seconds_left"
    }

    init(_ obligation: Obligation, now: Date, incident: IncidentRef? = nil) {
        id = obligation.id.canonicalString
        incidentID = obligation.incidentID.canonicalString
        kind = obligation.kind.rawValue
        ownerRelation = obligation.ownerRelation.rawValue
        ownerOfficerID = obligation.ownerOfficerID
        status = obligation.status.rawValue
        level = obligation.level
        reasonVI = obligation.reason.vi
        reasonEN = obligation.reason.en
        legalBasis = obligation.reason.legalBasis
        openedAt = APIInstant.utc(obligation.openedAt)
        openedAtLocal = APIInstant.local(obligation.openedAt)
        dueAt = APIInstant.utc(obligation.dueAt)
        dueAtLocal = APIInstant.local(obligation.dueAt)
        dueAtTextVI = APIInstant.textVI(obligation.dueAt)
        dueAtTextEN = APIInstant.textEN(obligation.dueAt)
        closedAt = APIInstant.utc(obligation.closedAt)
        closedAtLocal = APIInstant.local(obligation.closedAt)
        if obligation.status == .open, let due = obligation.dueAt {
            let left = Int(due.timeIntervalSince(now).rounded(.down))
            secondsLeft = left
            overdue = left < 0
        } else {
            secondsLeft = nil
            overdue = nil
        }
        self.incident = incident
    }

    /// One of the caller's open obligations, with its incident's school and state.
    init(_ owed: OwedObligation, now: Date) {
        let incident = IncidentRef(
            id: owed.obligation.incidentID.canonicalString,
            unitID: owed.unitID,
            unitName: owed.unitName,
            status: owed.incidentStatus.rawValue,
            category: owed.category.rawValue,
            severity: owed.severity.rawValue
        )
        self.init(owed.obligation, now: now, incident: incident)
    }
}

/// `GET /v1/me/obligations`.
struct MyObligationsBody: Encodable {
    let officerID: String
    let obligations: [ObligationBody]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case obligations
        case officerID = "officer_id"
    }
}
