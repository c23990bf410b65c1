import Foundation
import WatchpostCore

/// The body of `POST /v1/units/{unit}/closures`, `POST /v1/units/{unit}/duty` and
/// `POST /v1/officers/{officer}/absences`, and the fields of the declarations pages' forms:
/// `first_day` and `last_day` (`YYYY-MM-DD`, Vietnam's days, both included), `reason`, and the
/// officer named: an absence's optional `delegate`, a duty period's `officer`. Every problem is
/// answered at once (400), each naming its field.
struct DeclarationRequest {
    var first: CivilDay
    var last: CivilDay
    var reason: String
    /// The delegate of an absence, or the officer on duty.
    var officer: OfficerID?

    /// A declaration may last a year at most, and start at most a year ahead.
    static let maximumDays = 366
    /// `reason` is a short line, as a register entry.
    static let maximumReason = 200

    /// The fields as received, before they are checked.
    struct Fields {
        var firstDay: String?
        var lastDay: String?
        var reason: String?
        /// The officer named, as received.
        var officer: String?
    }

    /// The body field naming an officer, and whether it is required.
    struct OfficerField {
        var name: String
        var required: Bool

        static let delegate = OfficerField(name: "delegate", required: false)
        static let duty = OfficerField(name: "officer", required: true)
    }

    /// Parses a JSON body, naming an officer in `officer` (nil for a closure), as of `today`.
    static func parse(_ bytes: [UInt8], officer: OfficerField?, today: CivilDay) throws(APIError)
        -> DeclarationRequest
    {
        var body = ActionBody(
            bytes,
            fields: ["first_day", "last_day", "reason"] + (officer.map { [$0.name] } ?? []),
            event: false
        )
        let fields = Fields(
            firstDay: body.text("first_day", required: true),
            lastDay: body.text("last_day", required: true),
            reason: body.text("reason", required: true),
            officer: officer.flatMap { body.text($0.name, required: $0.required) }
        )
        return try check(fields, today: today, problems: body.problems)
    }

    /// Checks `fields` as of `today`, adding to the `problems` already found; 400 listing them all.
    static func check(_ fields: Fields, today: CivilDay, problems: [EventProblem] = []) throws(APIError)
        -> DeclarationRequest
    {
        var problems = problems
        func problem(_ field: String, _ code: EventProblem.Code, _ reason: String) {
            if !problems.contains(where: { $0.path == field && $0.code == .missing }) {
                problems.append(EventProblem(path: field, code: code, reason: reason))
            }
        }
        func day(_ text: String?, _ field: String) -> CivilDay? {
            guard let text else {
                problem(field, .missing, "is required")
                return nil
            }
            guard let day = CivilDay(text) else {
                problem(field, .invalidTime, "is not a day written YYYY-MM-DD")
                return nil
            }
            return day
        }
        let first = day(fields.firstDay, "first_day")
        let last = day(fields.lastDay, "last_day")
        var reason: String?
        if let raw = fields.reason {
            let checked = FieldRules.text(raw, path: "reason", maxLength: maximumReason)
            reason = checked.text
            if let found = checked.problem { problems.append(found) }
        } else {
            problem("reason", .missing, "is required")
        }
        if let last, last < today { problem("last_day", .outOfRange, "is in the past (today is \(today))") }
        if let first, today.adding(days: maximumDays) < first {
            problem("first_day", .outOfRange, "is more than \(maximumDays) days ahead")
        }
        if let first, let last, last < first { problem("last_day", .outOfRange, "is before first_day \(first)") }
        if let first, let last, first.adding(days: maximumDays - 1) < last {
            problem("last_day", .outOfRange, "is more than \(maximumDays) days after first_day")
        }
        var body = ActionBody([], fields: [], event: false)
        for found in problems { body.add(found) }
        guard let first, let last, let reason, problems.isEmpty else { throw body.error }
        return DeclarationRequest(first: first, last: last, reason: reason, officer: fields.officer)
    }
}
