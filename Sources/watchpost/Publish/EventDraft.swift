import Foundation
import WatchpostCore

/// One event as an operator described it on the command line, not yet validated.
///
/// Absent flags are left out of the envelope rather than defaulted, so the decoder reports
/// each of them as `is required` in the same list as every other problem.
struct EventDraft: Sendable {
    /// The wire name of the event type, e.g. `incident.reported`.
    var type: String
    /// The incident id as typed (`nil`: the operator gave none).
    var incidentID: String?
    /// The unit id as typed.
    var unitID: String?
    /// The source as `(kind, id)`, as typed.
    var source: (kind: String, id: String)?
    /// The `data` members, in wire spelling.
    var data: [(String, DraftJSON)]
    /// A fresh random (version 4) id: every publish is a new event; a retry of a failed
    /// publish should reuse the printed id through `report --file`.
    var eventID = UUID()

    /// The envelope v1 JSON bytes, with `occurred_at` written in Vietnam time (`+07:00`).
    func envelope(occurredAt: Date) -> [UInt8] {
        var members: [(String, DraftJSON)] = [
            ("schema_version", .integer(1)),
            ("event_id", .string(eventID.uuidString.lowercased())),
            ("type", .string(type)),
        ]
        if let incidentID { members.append(("incident_id", .string(incidentID))) }
        members.append(("occurred_at", .string(Self.vietnamTime(occurredAt))))
        if let source {
            members.append(("source", .object([("kind", .string(source.kind)), ("id", .string(source.id))])))
        }
        if let unitID { members.append(("unit_id", .string(unitID))) }
        members.append(("data", .object(data)))
        return Array(DraftJSON.object(members).rendered.utf8)
    }

    /// RFC 3339 in UTC+07:00, e.g. `2026-11-29T10:15:00.25+07:00`.
    static func vietnamTime(_ date: Date) -> String {
        LocalTime.rfc3339(date)
    }
}
