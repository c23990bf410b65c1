import Foundation
import WatchpostCore
import WatchpostStore

/// "Lịch vắng mặt", "Lịch nghỉ đột xuất" and "Lịch trực" (`declarations.mustache`, issue 29):
/// what was declared, each withdrawable while in force, and the form to declare more. An
/// officer's absences name the officer standing in; an authority's closures name the unit
/// closed, and its duty periods the officer on duty.
public struct DeclarationsPageView: Sendable {
    /// Which page.
    public enum Kind: String, Sendable {
        /// The officer's own absences (`/absences`): the choice is the delegate, or nobody.
        case absences
        /// The authority's closures (`/closures`): the choice is the unit closed.
        case closures
        /// The authority's duty roster (`/duty`): the choice is the officer on duty.
        case duty

        /// The form's choice field.
        public var choice: String {
            switch self {
            case .absences: "delegate"
            case .closures: "unit"
            case .duty: "officer"
            }
        }
    }

    /// What the officer typed, to show the form again.
    public struct Entries: Sendable {
        /// The first day, `YYYY-MM-DD`.
        public var firstDay: String
        /// The last day, `YYYY-MM-DD`.
        public var lastDay: String
        /// The delegate's officer id or the unit's id; "" for none.
        public var choice: String
        /// Why.
        public var reason: String

        /// The entries of a form.
        public init(firstDay: String = "", lastDay: String = "", choice: String = "", reason: String = "") {
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.choice = choice
            self.reason = reason
        }
    }

    /// The page's own words.
    struct Words: Sendable {
        let lead: String
        let recorded: String
        let none: String
        let new: String
        let save: String
    }

    /// One declaration.
    struct Recorded: Sendable {
        let days: String
        let reason: String
        let detail: String
        let inForce: Bool
        let withdrawPath: String?
    }

    let path: String
    let words: Words
    let saved: String?
    let hasRecorded: Bool
    let recorded: [Recorded]
    let problems: FormProblemsView?
    let csrf: String?
    let fields: [FieldView]

    /// The `kind` page at `path` showing `declarations`, newest first, whose choice field offers
    /// `choices` (id, text), holding `entries` with `problems` by field name (`first_day`,
    /// `last_day`, `delegate` or `unit`, `reason`); `saved` is the notice of a change just made.
    public init(
        _ kind: Kind,
        path: String,
        declarations: [Declaration],
        choices: [(id: String, text: String)],
        entries: Entries,
        problems: [String: String],
        saved: String?,
        csrfToken: String,
        locale: DisplayLocale
    ) {
        let own = { (key: String) in Labels.label(kind.rawValue, key)(locale) }
        let shared = { (key: String) in Labels.label("declarations", key)(locale) }
        self.path = path
        words = Words(
            lead: own("lead"),
            recorded: own("recorded"),
            none: own("none"),
            new: own("new"),
            save: own("save")
        )
        self.saved = saved
        csrf = csrfToken.isEmpty ? nil : csrfToken
        let names = Dictionary(choices.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        recorded = declarations.reversed().map { declaration in
            let detail: String
            switch declaration.subject {
            case .absence(_, let delegate?): detail = own("delegate") + ": " + (names[delegate] ?? delegate)
            case .absence(_, nil): detail = own("noDelegate")
            case .closure(let unit): detail = own("unit") + ": " + (names[unit] ?? unit)
            case .duty(_, let officer): detail = shared("onDuty") + ": " + (names[officer] ?? officer)
            }
            return Recorded(
                days: locale.text(
                    "Từ ngày \(Self.day(declaration.first, locale)) đến hết ngày \(Self.day(declaration.last, locale))",
                    "\(Self.day(declaration.first, locale)) to \(Self.day(declaration.last, locale))"
                ),
                reason: declaration.reason,
                detail: detail,
                inForce: declaration.isInForce,
                withdrawPath: declaration.isInForce ? "\(path)/\(declaration.id.canonicalString)/withdraw" : nil
            )
        }
        hasRecorded = !recorded.isEmpty
        let choice = kind.choice
        fields = [
            .text(
                FieldView.Field(name: "first_day", label: shared("firstDay"), error: problems["first_day"]),
                value: entries.firstDay,
                type: "date"
            ),
            .text(
                FieldView.Field(name: "last_day", label: shared("lastDay"), error: problems["last_day"]),
                value: entries.lastDay,
                type: "date"
            ),
            .select(
                FieldView.Field(name: choice, label: own(choice), hint: own("\(choice)Hint"), error: problems[choice]),
                options: choices.map { ($0.id, $0.text) },
                selected: entries.choice,
                placeholder: own(kind == .absences ? "nobody" : "choose")
            ),
            .text(
                FieldView.Field(
                    name: "reason",
                    label: shared("reason"),
                    hint: own("reasonHint"),
                    error: problems["reason"]
                ),
                value: entries.reason
            ),
        ]
        self.problems = FormProblemsView(fields) { count in
            locale.text("Chưa ghi được: có \(count) chỗ cần sửa.", "Not recorded yet: \(count) thing(s) to fix.")
        }
    }

    private static func day(_ day: CivilDay, _ locale: DisplayLocale) -> String {
        LocalTime.formatDay(day.at(hour: 12), locale: locale)
    }
}
