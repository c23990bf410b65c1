import Foundation
import WatchpostCore

/// How the API writes an instant: `name` in RFC 3339 UTC beside `name_local` in RFC 3339 at
/// Asia/Ho_Chi_Minh (+07:00), as people in Vietnam read it; some add `name_text_vi` and
/// `name_text_en`. The response bodies hold these strings; nil leaves the keys out.
enum APIInstant {
    /// RFC 3339 in UTC.
    static func utc(_ date: Date?) -> String? { date.map { RFC3339.format($0) } }
    /// RFC 3339 at +07:00.
    static func local(_ date: Date?) -> String? { date.map(LocalTime.rfc3339) }
    /// The local time as Vietnamese text.
    static func textVI(_ date: Date?) -> String? { date.map { LocalTime.format($0, locale: .vi) } }
    /// The local time as English text.
    static func textEN(_ date: Date?) -> String? { date.map { LocalTime.format($0, locale: .en) } }
}

/// Who sent an event, as `{"kind", "id"}`.
struct SourceBody: Encodable {
    let kind: String
    let id: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, id
    }

    init(_ source: EventSource) {
        kind = source.kind.rawValue
        id = source.id
    }
}
