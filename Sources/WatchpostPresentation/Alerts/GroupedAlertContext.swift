import Foundation
import WatchpostCore

/// Several alerts to one officer sent as one message (D58): each alert's own context, oldest
/// first, and the grouped message's idempotency key.
public struct GroupedAlertContext: Sendable {
    /// The alerts, oldest first; all to the same officer, in the same language.
    public var items: [AlertContext]
    /// The grouped message's id (`DerivedID.groupedMessage`), the same on every retry.
    public var idempotencyKey: String
    /// When the message is rendered.
    public var now: Date

    /// Creates a grouped context; `items` must not be empty.
    public init(items: [AlertContext], idempotencyKey: String, now: Date) {
        self.items = items
        self.idempotencyKey = idempotencyKey
        self.now = now
    }

    /// The language to write in: the first alert's.
    public var locale: DisplayLocale { items.first?.locale ?? .vi }

    /// The alerts by incident, in the order each incident first appears: one entry per incident,
    /// with the latest context of it (the incident as it stands now) and its alerts' templates.
    var incidents: [(context: AlertContext, templates: [AlertTemplate])] {
        var order: [UUID] = []
        var latest: [UUID: AlertContext] = [:]
        var templates: [UUID: [AlertTemplate]] = [:]
        for item in items {
            let id = item.incident.id
            if latest[id] == nil { order.append(id) }
            latest[id] = item
            if !(templates[id] ?? []).contains(item.alert.template) {
                templates[id, default: []].append(item.alert.template)
            }
        }
        return order.compactMap { id in latest[id].map { ($0, templates[id] ?? []) } }
    }
}
