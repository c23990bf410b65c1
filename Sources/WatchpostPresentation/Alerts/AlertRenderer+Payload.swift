import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// The webhook JSON (schema `watchpost.alert.v1`, keys sorted, UTF-8): alert, incident,
    /// unit, category, severity, the incident's open obligations (plus the alert's own, even if
    /// closed) with `due_at` in RFC 3339, the missed deadline, who else was told, and the
    /// acknowledge URL.
    public func payload(_ context: AlertContext) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and arrays of them cannot fail; an empty object is a safe
        // fallback that the webhook receiver still parses.
        return (try? encoder.encode(payloadDocument(context))) ?? Data("{}".utf8)
    }

    /// The webhook document of `context`, before encoding.
    func payloadDocument(_ context: AlertContext) -> AlertPayload {
        let incident = context.incident
        var obligations = incident.openObligations
        if let own = context.obligation, !obligations.contains(where: { $0.id == own.id }) {
            obligations.insert(own, at: 0)
        }
        let owed = Set(context.recipientObligations.map(\.id))
        let url = acknowledgeURL(context)
        let document = AlertPayload(
            alertID: key(context.alert.id),
            deliveryID: context.idempotencyKey,
            template: context.alert.template.rawValue,
            reason: context.alert.reason,
            createdAt: RFC3339.format(context.alert.createdAt),
            locale: context.locale.rawValue,
            recipientOfficerID: context.recipient.id,
            recipientRelation: context.alert.relation.rawValue,
            incident: AlertPayload.IncidentInfo(
                id: key(incident.id),
                status: incident.status.rawValue,
                category: incident.category.rawValue,
                severity: incident.severity.rawValue,
                platform: incident.platform.rawValue,
                subjects: incident.subjects.map(\.rawValue),
                summary: summaryText(context),
                openedAt: RFC3339.format(incident.openedAt),
                escalationLevel: incident.escalationLevel,
                reportCount: incident.evidence.count
            ),
            unit: AlertPayload.UnitRef(
                id: context.school.id,
                name: context.school.name,
                kind: context.school.kind.rawValue
            ),
            authority: context.authority.map {
                AlertPayload.UnitRef(id: $0.id, name: $0.name, kind: $0.kind.rawValue)
            },
            obligationID: context.obligation.map { key($0.id) },
            missedDueAt: context.alert.template.reportsMiss ? missedDeadline(context).map(RFC3339.format) : nil,
            obligations: obligations.map { obligation in
                AlertPayload.ObligationInfo(
                    id: key(obligation.id),
                    kind: obligation.kind.rawValue,
                    ownerRelation: obligation.ownerRelation.rawValue,
                    ownerOfficerID: obligation.ownerOfficerID,
                    dueAt: obligation.dueAt.map(RFC3339.format),
                    level: obligation.level,
                    status: obligation.status.rawValue,
                    reasonID: obligation.reasonID,
                    legalBasis: obligation.reason.legalBasis,
                    owedByRecipient: owed.contains(obligation.id)
                )
            },
            alsoTold: context.alsoTold.map {
                AlertPayload.Party(relation: $0.relation.rawValue, officerNames: $0.officerNames)
            },
            acknowledgeURL: url,
            acknowledgeURLExpiresAt: url == nil ? nil : RFC3339.format(acknowledgeExpiry(context))
        )
        return document
    }

    private func key(_ id: UUID) -> String { id.uuidString.lowercased() }
}
