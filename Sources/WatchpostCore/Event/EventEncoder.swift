import Foundation

/// Writes an `Event` as canonical envelope v1 JSON: the bytes Watchpost itself publishes.
///
/// Canonical means: keys sorted, no whitespace, UUIDs in lowercase, `occurred_at` in UTC with a
/// `Z` suffix and at most six fractional digits (`RFC3339.format`), optional fields omitted when
/// absent, `dedup_key` always written. For every event the decoder accepts,
/// `decode(encode(event)) == event`.
public struct EventEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The UTF-8 JSON bytes of `event`.
    public func encode(_ event: Event) -> [UInt8] {
        JSONWriter.write(Self.envelope(event))
    }

    static func envelope(_ event: Event) -> JSONValue {
        .object([
            ("schema_version", .number(String(event.schemaVersion))),
            ("event_id", .string(event.eventID.canonicalString)),
            ("type", .string(event.type.rawValue)),
            ("incident_id", .string(event.incidentID.canonicalString)),
            ("occurred_at", .string(RFC3339.format(event.occurredAt))),
            ("source", .object([("kind", .string(event.source.kind.rawValue)), ("id", .string(event.source.id))])),
            ("unit_id", .string(event.unitID)),
            ("data", .object(data(event.payload))),
        ])
    }

    private static func data(_ payload: EventPayload) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        func add(_ key: String, _ value: String?) {
            if let value { members.append((key, .string(value))) }
        }
        func add(_ key: String, list: [String]) {
            members.append((key, .array(list.map(JSONValue.string))))
        }
        switch payload {
        case let .reported(body):
            add("platform", body.platform.rawValue)
            add("urls", list: body.urls)
            add("category", body.category.rawValue)
            add("severity", body.severity.rawValue)
            add("subjects", list: body.subjects.map(\.rawValue))
            add("summary", body.summary)
            add("dedup_key", body.dedupKey)
        case let .updated(body):
            add("severity", body.severity?.rawValue)
            add("category", body.category?.rawValue)
            add("summary", body.summary)
            if !body.addedURLs.isEmpty { add("added_urls", list: body.addedURLs) }
            if !body.addedSubjects.isEmpty { add("added_subjects", list: body.addedSubjects.map(\.rawValue)) }
        case let .acknowledged(body):
            add("note", body.note)
        case let .actionRecorded(body):
            add("action", body.action.rawValue)
            add("note", body.note)
            add("evidence_url", body.evidenceURL)
        case let .escalated(body):
            members.append(("level", .number(String(body.level))))
            add("reason", body.reason.rawValue)
            add("obligation_id", body.obligationID?.canonicalString)
            add("note", body.note)
        case let .resolved(body):
            add("note", body.note)
        case let .reopened(body):
            add("reason", body.reason)
        case let .merged(body):
            add("into", body.into.canonicalString)
            add("note", body.note)
        case let .unmerged(body):
            add("from", body.from.canonicalString)
            add("note", body.note)
        }
        return members
    }
}
