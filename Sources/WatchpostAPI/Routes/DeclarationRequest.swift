import Foundation
import WatchpostCore

/// The body of `POST /v1/units/{unit}/closures` and `POST /v1/officers/{officer}/absences`:
/// `first_day` and `last_day` (`YYYY-MM-DD`, Vietnam's days, both included), `reason`, and for
/// an absence an optional `delegate`. Every problem is answered at once (400), each naming its
/// field.
struct DeclarationRequest {
    var first: CivilDay
    var last: CivilDay
    var reason: String
    var delegate: OfficerID?

    /// A declaration may last a year at most, and start at most a year ahead.
    static let maximumDays = 366
    /// `reason` is a short line, as a register entry.
    static let maximumReason = 200

    /// Parses `bytes` for a closure (`absence: false`) or an absence, as of `today`.
    static func parse(_ bytes: [UInt8], absence: Bool, today: CivilDay) throws(APIError) -> DeclarationRequest {
        var body = ActionBody(
            bytes,
            fields: ["first_day", "last_day", "reason"] + (absence ? ["delegate"] : []),
            event: false
        )
        let first = day(&body, "first_day")
        let last = day(&body, "last_day")
        var reason: String?
        if let raw = body.text("reason", required: true) {
            let checked = FieldRules.text(raw, path: "reason", maxLength: maximumReason)
            reason = checked.text
            if let problem = checked.problem { body.add(problem) }
        }
        let delegate = absence ? body.text("delegate") : nil
        func outOfRange(_ field: String, _ reason: String) {
            body.add(EventProblem(path: field, code: .outOfRange, reason: reason))
        }
        if let last, last < today { outOfRange("last_day", "is in the past (today is \(today))") }
        if let first, today.adding(days: maximumDays) < first {
            outOfRange("first_day", "is more than \(maximumDays) days ahead")
        }
        if let first, let last, last < first { outOfRange("last_day", "is before first_day \(first)") }
        if let first, let last, first.adding(days: maximumDays - 1) < last {
            outOfRange("last_day", "is more than \(maximumDays) days after first_day")
        }
        guard let first, let last, let reason, body.problems.isEmpty else {
            try body.check()
            throw body.error
        }
        return DeclarationRequest(first: first, last: last, reason: reason, delegate: delegate)
    }

    private static func day(_ body: inout ActionBody, _ name: String) -> CivilDay? {
        guard let text = body.text(name, required: true) else { return nil }
        guard let day = CivilDay(text) else {
            body.add(EventProblem(path: name, code: .invalidTime, reason: "is not a day written YYYY-MM-DD"))
            return nil
        }
        return day
    }
}
