import Foundation

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

    /// RFC 3339 in UTC+07:00 with milliseconds, e.g. `2026-11-29T10:15:00.250+07:00`.
    static func vietnamTime(_ date: Date) -> String {
        // Vietnam has had no daylight saving since 1975: a fixed offset is exact.
        let offset: TimeInterval = 7 * 3600
        let local = date.timeIntervalSince1970 + offset
        let milliseconds = Int64((local * 1000).rounded(.down))
        let days = Int(milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000)
        let ofDay = Int(milliseconds - Int64(days) * 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(ofDay / 3_600_000, 2)):"
            + "\(pad(ofDay / 60_000 % 60, 2)):\(pad(ofDay / 1000 % 60, 2)).\(pad(ofDay % 1000, 3))+07:00"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
