import Foundation
import WatchpostCore
import WatchpostNotify

/// The JSON document posted to webhooks: stable snake_case field names, machine values (enum
/// raw values, lower-case UUIDs, RFC 3339 UTC times), every key always present (`null` when not
/// applicable). Schema `watchpost.alert.v1`; new fields may be added, none renamed.
struct AlertPayload: Encodable {
    struct UnitRef: Encodable {
        var id: String
        var name: String
        var kind: String
    }

    struct IncidentInfo: Encodable {
        var id: String
        var status: String
        var category: String
        var severity: String
        var platform: String
        var subjects: [String]
        var summary: String
        var openedAt: String
        var escalationLevel: Int
        var reportCount: Int

        enum CodingKeys: String, CodingKey {
            case id, status, category, severity, platform, subjects, summary
            case openedAt = "opened_at", escalationLevel = "escalation_level", reportCount = "report_count"
        }
    }

    struct ObligationInfo: Encodable {
        var id: String
        var kind: String
        var ownerRelation: String
        var ownerOfficerID: String?
        var dueAt: String?
        var level: Int
        var status: String
        var reasonID: String
        var legalBasis: String
        var owedByRecipient: Bool

        enum CodingKeys: String, CodingKey {
            case id, kind, level, status
            case ownerRelation = "owner_relation", ownerOfficerID = "owner_officer_id", dueAt = "due_at"
            case reasonID = "reason_id", legalBasis = "legal_basis", owedByRecipient = "owed_by_recipient"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(ownerRelation, forKey: .ownerRelation)
            try c.encode(ownerOfficerID, forKey: .ownerOfficerID)
            try c.encode(dueAt, forKey: .dueAt)
            try c.encode(level, forKey: .level)
            try c.encode(status, forKey: .status)
            try c.encode(reasonID, forKey: .reasonID)
            try c.encode(legalBasis, forKey: .legalBasis)
            try c.encode(owedByRecipient, forKey: .owedByRecipient)
        }
    }

    struct Party: Encodable {
        var relation: String
        var officerNames: [String]

        enum CodingKeys: String, CodingKey {
            case relation
            case officerNames = "officer_names"
        }
    }

    var schema = "watchpost.alert.v1"
    var alertID: String
    var deliveryID: String
    var template: String
    var reason: String
    var createdAt: String
    var locale: String
    var recipientOfficerID: String
    var recipientRelation: String
    var incident: IncidentInfo
    var unit: UnitRef
    var authority: UnitRef?
    var obligationID: String?
    var missedDueAt: String?
    var obligations: [ObligationInfo]
    var alsoTold: [Party]
    var acknowledgeURL: String?
    var acknowledgeURLExpiresAt: String?

    enum CodingKeys: String, CodingKey {
        case schema, template, reason, locale, incident, unit, authority, obligations
        case alertID = "alert_id", deliveryID = "delivery_id", createdAt = "created_at"
        case recipientOfficerID = "recipient_officer_id", recipientRelation = "recipient_relation"
        case obligationID = "obligation_id", missedDueAt = "missed_due_at", alsoTold = "also_told"
        case acknowledgeURL = "acknowledge_url", acknowledgeURLExpiresAt = "acknowledge_url_expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(alertID, forKey: .alertID)
        try c.encode(deliveryID, forKey: .deliveryID)
        try c.encode(template, forKey: .template)
        try c.encode(reason, forKey: .reason)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(locale, forKey: .locale)
        try c.encode(recipientOfficerID, forKey: .recipientOfficerID)
        try c.encode(recipientRelation, forKey: .recipientRelation)
        try c.encode(incident, forKey: .incident)
        try c.encode(unit, forKey: .unit)
        try c.encode(authority, forKey: .authority)
        try c.encode(obligationID, forKey: .obligationID)
        try c.encode(missedDueAt, forKey: .missedDueAt)
        try c.encode(obligations, forKey: .obligations)
        try c.encode(alsoTold, forKey: .alsoTold)
        try c.encode(acknowledgeURL, forKey: .acknowledgeURL)
        try c.encode(acknowledgeURLExpiresAt, forKey: .acknowledgeURLExpiresAt)
    }
}
