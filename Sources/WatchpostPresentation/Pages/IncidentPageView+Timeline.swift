import Foundation
import WatchpostCore
import WatchpostStore

extension IncidentPageView {
    /// The events of the incident and its alerts with their delivery, in the order they happened
    /// (`incident-entry.mustache`).
    struct Timeline: Sendable {
        let entries: [Entry]

        /// The timeline of `source`'s incident, or `nil` when it has nothing to show.
        init?(_ source: IncidentPageSource) {
            var dated: [(at: Date, entry: Entry)] = source.timeline.events.map {
                ($0.occurredAt, Entry(event: $0, source))
            }
            for record in source.timeline.summary.alerts {
                dated.append((record.alert.createdAt, Entry(alert: record, source)))
            }
            guard !dated.isEmpty else { return nil }
            dated.sort { $0.at < $1.at }
            entries = dated.map(\.entry)
        }
    }

    /// One line of the timeline: an event or an alert.
    struct Entry: Sendable {
        /// An event: its type, who sent it, its details, and whether it was not applied.
        struct EventLine: Sendable {
            let type: String
            let sender: String
            let detail: String?
            let outcome: String?
        }

        /// An alert: what, to whom, and how its delivery went.
        struct AlertLine: Sendable {
            let subject: String
            let recipient: String
            let relation: String
            let delivery: BadgeView
            let deliveredAt: TimeView?
        }

        let style: String
        let at: TimeView
        let event: EventLine?
        let alert: AlertLine?

        /// The line of `event`.
        init(event: TimelineEvent, _ source: IncidentPageSource) {
            let locale = source.locale
            style = "event"
            at = TimeView(event.occurredAt, locale)
            var detail: String?
            if case .success(let decoded) = EventDecoder(knownUnit: { _ in true }).decode(Array(event.envelope.utf8)) {
                detail = Self.detail(decoded, source)
            }
            var outcome: String?
            if let value = event.outcome, value != "applied" {
                outcome = source.word(value == "ignored" ? "notApplied" : "rejected")
            }
            self.event = EventLine(
                type: event.type.label(locale),
                sender: Self.sender(event.source, source),
                detail: detail,
                outcome: outcome
            )
            alert = nil
        }

        /// The line of the alert of `record`.
        init(alert record: AlertRecord, _ source: IncidentPageSource) {
            let alert = record.alert
            let status = record.deliveryStatus ?? "pending"
            style = status == "dead" ? "alert dead" : "alert"
            at = TimeView(alert.createdAt, source.locale)
            event = nil
            let delivered = status == "delivered"
            self.alert = AlertLine(
                subject: source.word(Self.subjectKey(alert.template)),
                recipient: source.name(of: alert.recipient),
                relation: alert.relation.label(source.locale),
                delivery: Self.delivery(status, source),
                deliveredAt: delivered ? record.deliveredAt.map { TimeView($0, source.locale) } : nil
            )
        }

        /// The details of an event worth a line, joined by " · ", or `nil` for none.
        private static func detail(_ event: Event, _ source: IncidentPageSource) -> String? {
            let locale = source.locale
            var parts: [String] = []
            // On the survivor's page a merge or unmerge names the duplicate it came from.
            let duplicate = IncidentPageView.shortID(event.incidentID)
            let here = event.incidentID != source.state.id
            switch event.payload {
            case .reported(let report):
                parts.append(report.severity.label(locale))
            case .updated(let update):
                if let severity = update.severity {
                    parts.append("\(source.word("newSeverity")): \(severity.label(locale))")
                }
            case .acknowledged(let body):
                if let note = body.note { parts.append(note) }
            case .actionRecorded(let body):
                parts.append(body.action.label(locale))
                if let note = body.note { parts.append(note) }
            case .escalated(let body):
                parts.append(locale.text("lần \(body.level)", "level \(body.level)"))
                if let note = body.note { parts.append(note) }
            case .resolved(let body):
                if let note = body.note { parts.append(note) }
            case .reopened(let body):
                parts.append(body.reason)
            case .merged(let body):
                parts.append(
                    here
                        ? locale.text("sự việc \(duplicate) gộp vào đây", "incident \(duplicate) merged into this one")
                        : "\(source.word("mergedInto")) \(IncidentPageView.shortID(body.into))"
                )
                if let note = body.note { parts.append(note) }
            case .unmerged(let body):
                parts.append(
                    here
                        ? locale.text(
                            "sự việc \(duplicate) tách khỏi đây",
                            "incident \(duplicate) unmerged from this one"
                        )
                        : "\(source.word("unmergedFrom")) \(IncidentPageView.shortID(body.from))"
                )
                if let note = body.note { parts.append(note) }
            }
            return parts.isEmpty ? nil : parts.joined(separator: " · ")
        }

        /// Who sent an event.
        private static func sender(_ sender: EventSource, _ source: IncidentPageSource) -> String {
            switch sender.kind {
            case .officer: source.name(of: sender.id)
            case .tool: source.locale.text("Công cụ \(sender.id)", "Tool \(sender.id)")
            case .system: source.word("system")
            }
        }

        /// The badge of a delivery's `status`.
        private static func delivery(_ status: String, _ source: IncidentPageSource) -> BadgeView {
            switch status {
            case "delivered": BadgeView(tone: "ok", text: source.word("delivered"))
            case "dead": BadgeView(tone: "danger", text: source.word("undeliverable"))
            case "cancelled": BadgeView(tone: "plain", text: source.word("deliveryCancelled"))
            default: BadgeView(tone: "warn", text: source.word("sending"))
            }
        }

        /// The key in `Labels.incident` of what an alert of `template` is about.
        private static func subjectKey(_ template: AlertTemplate) -> String {
            switch template {
            case .incidentNew: "alertIncidentNew"
            case .incidentUpdated: "alertIncidentUpdated"
            case .incidentEscalated: "alertIncidentEscalated"
            case .incidentResolved: "alertIncidentResolved"
            case .incidentReopened: "alertIncidentReopened"
            case .incidentMerged: "alertIncidentMerged"
            case .evidenceAttached: "alertEvidenceAttached"
            case .obligationReminder: "alertObligationReminder"
            case .obligationEscalated: "alertObligationEscalated"
            case .obligationMissed: "alertObligationMissed"
            case .deliveryFailed: "alertDeliveryFailed"
            }
        }
    }
}
