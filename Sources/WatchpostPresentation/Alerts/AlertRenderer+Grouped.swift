import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// The one message for several alerts to one officer (D58), shaped for `channel` like
    /// `render(_:for:)`: one entry per incident, in the order they came.
    public func render(_ grouped: GroupedAlertContext, for channel: ChannelKind = .email) -> OutboundMessage {
        OutboundMessage(
            subject: subject(grouped),
            body: channel == .sms ? smsText(grouped) : body(grouped),
            payload: payload(grouped),
            idempotencyKey: grouped.idempotencyKey,
            locale: grouped.locale.rawValue
        )
    }

    /// "[Watchpost] Tổng hợp 12 thông báo về 12 sự việc — mức cao": the count and the highest
    /// severity among the incidents.
    public func subject(_ grouped: GroupedAlertContext) -> String {
        let strings = TemplateStrings.for(grouped.locale)
        let incidents = grouped.incidents
        let highest = incidents.map(\.context.incident.severity).max() ?? .low
        return "[Watchpost] \(strings.groupedSubject(grouped.items.count, incidents.count)) — "
            + strings.severityWord(strings.label(highest))
    }

    /// The plain-text body: greeting, why the alerts come together, then per incident what
    /// happened where, what is owed and by when, the personal acknowledge link and its id.
    public func body(_ grouped: GroupedAlertContext) -> String {
        guard let first = grouped.items.first else { return "" }
        let strings = TemplateStrings.for(grouped.locale)
        let time = { (date: Date) in LocalTime.format(date, locale: grouped.locale) }
        let title = first.recipientTitle.isEmpty ? strings.label(first.alert.relation) : first.recipientTitle
        let since = grouped.items.map(\.alert.createdAt).min() ?? grouped.now
        var sections = [
            strings.greeting(first.recipient.name, title),
            strings.groupedIntro(grouped.items.count, grouped.incidents.count, time(since)),
        ]
        for (number, entry) in grouped.incidents.enumerated() {
            sections.append(incidentEntry(number + 1, entry.context, entry.templates, strings))
        }
        sections.append(strings.groupedFooter)
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// One incident of a grouped message.
    private func incidentEntry(
        _ number: Int,
        _ context: AlertContext,
        _ templates: [AlertTemplate],
        _ strings: TemplateStrings
    ) -> String {
        let incident = context.incident
        let due = { (obligation: Obligation) in
            obligation.dueAt.map { DeadlineText.format($0, clock: obligation.clock, locale: context.locale) }
        }
        let tags = templates.compactMap { strings.subjectTag[$0] }.filter { !$0.isEmpty }
        var lines = [
            "\(number). \(tags.first ?? "")\(strings.label(incident.category)), "
                + "\(strings.severityWord(strings.label(incident.severity))) — \(context.school.name)",
            "- \(strings.platformLabel): \(strings.label(incident.platform)); "
                + "\(strings.openedLabel.lowercased()): \(LocalTime.format(incident.openedAt, locale: context.locale))",
        ]
        lines.append("- \(strings.statusLabel): \(strings.label(incident.status))")
        for obligation in context.recipientObligations {
            let kind = strings.label(obligation.kind)
            if obligation.isEscalated {
                lines.append("- " + strings.todoOverdue(kind, due(obligation)))
            } else if let due = due(obligation) {
                lines.append("- " + strings.todo(kind, due))
            } else {
                lines.append("- " + strings.todoNoDeadline(kind))
            }
        }
        let owed = Set(context.recipientObligations.map(\.id))
        let others = AlertContext.ordered(incident.openObligations.filter { !owed.contains($0.id) }, first: nil)
        for obligation in others {
            let when =
                obligation.isEscalated
                ? strings.overdueMark
                : due(obligation).map { "; \(strings.deadlineLabel.lowercased()): \(strings.byTime($0))" } ?? ""
            lines.append(
                "- \(strings.label(obligation.kind)) — \(strings.label(obligation.ownerRelation))\(when)"
            )
        }
        if let url = acknowledgeURL(context) {
            lines.append("- \(strings.label(ObligationKind.acknowledge)): \(url)")
        }
        lines.append("- \(strings.incidentIDLabel): \(incident.id.uuidString.lowercased())")
        return lines.joined(separator: "\n")
    }

    /// A text listing as many incidents as fit in `smsMaxSegments` segments ("1) Dấu hiệu vi phạm
    /// pháp luật, mức cao, Trường THCS Bình Sơn."), then "và N sự việc khác." and the link to
    /// the officer's page. Written with diacritics unless dropping them lets more incidents fit.
    public func smsText(_ grouped: GroupedAlertContext) -> String {
        let strings = TemplateStrings.for(grouped.locale)
        let entries = grouped.incidents.enumerated().map { number, entry in
            let incident = entry.context.incident
            return "\(number + 1)) \(strings.label(incident.category)), "
                + "\(strings.severityWord(strings.label(incident.severity))), \(entry.context.school.name)."
        }
        let link = " \(strings.smsSeeAll) \(signer.baseURL)/me"
        let write = { (listed: Int, plain: Bool) -> String in
            var parts = [strings.smsGroupedHeadline(grouped.items.count)] + entries.prefix(listed)
            if listed < entries.count { parts.append(strings.smsMoreIncidents(entries.count - listed)) }
            let text = parts.joined(separator: " ") + link
            return plain ? SMSText.unaccented(text) : text
        }
        let fits = { (text: String) in SMSText.segmentCount(text) <= max(1, smsMaxSegments) }
        let most = { (plain: Bool) -> Int? in
            (0...entries.count).reversed().first { fits(write($0, plain)) }
        }
        let accented = most(false)
        let plain = most(true)
        if let accented, accented >= (plain ?? 0) { return write(accented, false) }
        if let plain { return write(plain, true) }
        return SMSText.fit(facts: write(0, false), link: "", maxSegments: smsMaxSegments)
    }

    /// The webhook JSON (schema `watchpost.alert-group.v1`, keys sorted): the grouped message's
    /// id, the recipient, and each alert's `watchpost.alert.v1` document, oldest first.
    public func payload(_ grouped: GroupedAlertContext) -> Data {
        let document = GroupedAlertPayload(
            deliveryID: grouped.idempotencyKey,
            locale: grouped.locale.rawValue,
            recipientOfficerID: grouped.items.first?.recipient.id ?? "",
            alerts: grouped.items.map(payloadDocument)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }
}

/// The webhook document of a grouped message: schema `watchpost.alert-group.v1`.
struct GroupedAlertPayload: Encodable {
    var schema = "watchpost.alert-group.v1"
    var deliveryID: String
    var locale: String
    var recipientOfficerID: String
    var alerts: [AlertPayload]

    enum CodingKeys: String, CodingKey {
        case schema, locale, alerts
        case deliveryID = "delivery_id", recipientOfficerID = "recipient_officer_id"
    }
}
