import Foundation
import WatchpostCore
import WatchpostStore

/// A closure, an absence or a duty period as `/v1` shows it (`Declaration` in /openapi.yaml).
struct DeclarationBody: Encodable {
    let id: String
    let kind: String
    let unitID: String?
    let officerID: String?
    let delegate: String?
    let firstDay: String
    let lastDay: String
    let reason: String
    let inForce: Bool
    let declaredBy: String
    let declaredAt: String?
    let declaredAtLocal: String?
    let withdrawnBy: String?
    let withdrawnAt: String?
    let withdrawnAtLocal: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, delegate, reason
        case unitID = "unit_id"
        case officerID = "officer_id"
        case firstDay = "first_day"
        case lastDay = "last_day"
        case inForce = "in_force"
        case declaredBy = "declared_by"
        case declaredAt = "declared_at"
        case declaredAtLocal = "declared_at_local"
        case withdrawnBy = "withdrawn_by"
        case withdrawnAt = "withdrawn_at"
        case withdrawnAtLocal = "withdrawn_at_local"
    }

    init(_ declaration: Declaration) {
        id = declaration.id.canonicalString
        kind = declaration.subject.kind.rawValue
        switch declaration.subject {
        case .closure(let unit):
            (unitID, officerID, delegate) = (unit, nil, nil)
        case .absence(let officer, let delegate):
            (unitID, officerID, self.delegate) = (nil, officer, delegate)
        case .duty(let authority, let officer):
            (unitID, officerID, delegate) = (authority, officer, nil)
        }
        firstDay = declaration.first.description
        lastDay = declaration.last.description
        reason = declaration.reason
        inForce = declaration.isInForce
        declaredBy = declaration.declaredBy
        declaredAt = APIInstant.utc(declaration.declaredAt)
        declaredAtLocal = APIInstant.local(declaration.declaredAt)
        withdrawnBy = declaration.withdrawnBy
        withdrawnAt = APIInstant.utc(declaration.withdrawnAt)
        withdrawnAtLocal = APIInstant.local(declaration.withdrawnAt)
    }
}

/// `GET /v1/units/{unit}/closures`, `GET /v1/units/{unit}/duty` and
/// `GET /v1/officers/{officer}/absences`.
struct DeclarationListBody: Encodable {
    let declarations: [DeclarationBody]
}
