import Foundation
import WatchpostCore
import WatchpostStore

/// "Lịch vắng mặt" (`absences.mustache`): the officer's recorded absences, each withdrawable
/// while in force, and the form to record one with the officer standing in (issue 29).
public struct AbsencesPageView: Sendable {
    /// What the officer typed, to show the form again.
    public struct Entries: Sendable {
        /// The first day, `YYYY-MM-DD`.
        public var firstDay: String
        /// The last day, `YYYY-MM-DD`.
        public var lastDay: String
        /// The delegate's officer id, or "".
        public var delegate: String
        /// Why.
        public var reason: String

        /// The entries of a form.
        public init(firstDay: String = "", lastDay: String = "", delegate: String = "", reason: String = "") {
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.delegate = delegate
            self.reason = reason
        }
    }

    /// One recorded absence.
    struct Recorded: Sendable {
        let days: String
        let reason: String
        let delegate: String
        let inForce: Bool
        let withdrawPath: String?
    }

    /// The problems listed above the form.
    struct Problems: Sendable {
        let heading: String
        let items: [Problem]
    }

    /// One problem, linking to its field.
    struct Problem: Sendable {
        let anchor: String
        let message: String
    }

    let saved: String?
    let hasRecorded: Bool
    let recorded: [Recorded]
    let problems: Problems?
    let csrf: String?
    let fields: [FieldView]

    /// The page of an officer who recorded `declarations`, may name `delegates` (officer id,
    /// title and name), typed `entries` with `problems` by field name (`first_day`, `last_day`,
    /// `delegate`, `reason`); `saved` is the notice of a change just made.
    public init(
        declarations: [Declaration],
        delegates: [(id: OfficerID, text: String)],
        entries: Entries,
        problems: [String: String],
        saved: String?,
        csrfToken: String,
        locale: DisplayLocale
    ) {
        self.saved = saved
        csrf = csrfToken.isEmpty ? nil : csrfToken
        let names = Dictionary(delegates.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        recorded = declarations.reversed().map { declaration in
            let delegate: OfficerID? =
                if case .absence(_, let delegate) = declaration.subject { delegate } else { nil }
            return Recorded(
                days: locale.text(
                    "Từ ngày \(Self.day(declaration.first, locale)) đến hết ngày \(Self.day(declaration.last, locale))",
                    "\(Self.day(declaration.first, locale)) to \(Self.day(declaration.last, locale))"
                ),
                reason: declaration.reason,
                delegate: delegate.map { id in
                    Labels.label("absences", "delegate")(locale) + ": " + (names[id] ?? id)
                } ?? Labels.label("absences", "noDelegate")(locale),
                inForce: declaration.isInForce,
                withdrawPath: declaration.isInForce ? "/absences/\(declaration.id.canonicalString)/withdraw" : nil
            )
        }
        hasRecorded = !recorded.isEmpty
        let label = { (key: String) in Labels.label("absences", key)(locale) }
        fields = [
            .text(
                FieldView.Field(name: "first_day", label: label("firstDay"), error: problems["first_day"]),
                value: entries.firstDay,
                type: "date"
            ),
            .text(
                FieldView.Field(name: "last_day", label: label("lastDay"), error: problems["last_day"]),
                value: entries.lastDay,
                type: "date"
            ),
            .select(
                FieldView.Field(
                    name: "delegate",
                    label: label("delegate"),
                    hint: label("delegateHint"),
                    error: problems["delegate"]
                ),
                options: delegates.map { ($0.id, $0.text) },
                selected: entries.delegate,
                placeholder: label("nobody")
            ),
            .text(
                FieldView.Field(
                    name: "reason",
                    label: label("reason"),
                    hint: label("reasonHint"),
                    error: problems["reason"]
                ),
                value: entries.reason
            ),
        ]
        let items = fields.compactMap { field in field.error.map { Problem(anchor: field.name, message: $0) } }
        self.problems =
            items.isEmpty
            ? nil
            : Problems(
                heading: locale.text(
                    "Chưa ghi được: có \(items.count) chỗ cần sửa.",
                    "Not recorded yet: \(items.count) thing(s) to fix."
                ),
                items: items
            )
    }

    private static func day(_ day: CivilDay, _ locale: DisplayLocale) -> String {
        LocalTime.formatDay(day.at(hour: 12), locale: locale)
    }
}
