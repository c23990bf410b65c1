import Foundation
import WatchpostCore

/// How the API writes an instant: `name` in RFC 3339 UTC, `name_local` in RFC 3339 at
/// Asia/Ho_Chi_Minh (+07:00), as people in Vietnam read it.
enum TimeJSON {
    /// Adds `name` and `name_local` to `object` (nothing when `date` is nil).
    static func add(_ name: String, _ date: Date?, to object: inout [String: Any]) {
        guard let date else { return }
        object[name] = RFC3339.format(date)
        object[name + "_local"] = LocalTime.rfc3339(date)
    }

    /// The same with the local time as Vietnamese and English text (`name_text_vi`, `name_text_en`).
    static func addWithText(_ name: String, _ date: Date?, to object: inout [String: Any]) {
        add(name, date, to: &object)
        guard let date else { return }
        object[name + "_text_vi"] = LocalTime.format(date, locale: .vi)
        object[name + "_text_en"] = LocalTime.format(date, locale: .en)
    }
}
