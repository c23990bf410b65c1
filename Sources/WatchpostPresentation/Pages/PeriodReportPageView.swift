import WatchpostCore
import WatchpostStore

/// The period report page (`period-report.mustache`): the quick choices of period, the period
/// form, then the report's heading lines and every table of `PeriodReport.tables(durations:
/// .text)`; or, when a date is wrong, the form with what is wrong next to each field and no
/// report.
public struct PeriodReportPageView: Sendable {
    /// What is wrong with the dates, when something is.
    struct Problems: Sendable {
        let items: [Problem]
    }

    /// One wrong date: the field's id and the message.
    struct Problem: Sendable {
        let field: String
        let message: String
    }

    /// The report of the period.
    struct Report: Sendable {
        let lines: [String]
        let tables: [Table]
    }

    let problems: Problems?
    let periods: PeriodReportChoicesView
    let formAction: String
    let fields: [FieldView]
    let report: Report?

    /// The page showing `report`, for the period typed as `from` and `to`; the form goes to
    /// `action`.
    public init(
        report: PeriodReport,
        from: String,
        to: String,
        periods: PeriodReportChoicesView,
        action: String,
        locale: DisplayLocale
    ) {
        self.init(
            problems: nil,
            periods: periods,
            action: action,
            fields: Self.fields(from: (from, nil), to: (to, nil), locale: locale),
            report: Report(
                lines: report.headingLines,
                tables: report.tables(durations: .text).enumerated().map { index, table in
                    Table(table, id: "report-table-\(index + 1)")
                }
            )
        )
    }

    /// The page with the form and what is wrong with its dates (`fromProblem`, `toProblem`, in
    /// the page's language), and no report.
    public init(
        fromProblem: String?,
        toProblem: String?,
        from: String,
        to: String,
        periods: PeriodReportChoicesView,
        action: String,
        locale: DisplayLocale
    ) {
        self.init(
            problems: Problems(
                items: [("from", fromProblem), ("to", toProblem)].compactMap { field, message in
                    message.map { Problem(field: field, message: $0) }
                }
            ),
            periods: periods,
            action: action,
            fields: Self.fields(from: (from, fromProblem), to: (to, toProblem), locale: locale),
            report: nil
        )
    }

    private init(
        problems: Problems?,
        periods: PeriodReportChoicesView,
        action: String,
        fields: [FieldView],
        report: Report?
    ) {
        self.problems = problems
        self.periods = periods
        self.formAction = action
        self.fields = fields
        self.report = report
    }

    /// The two date fields, each with its typed value and its problem.
    private static func fields(
        from: (value: String, error: String?),
        to: (value: String, error: String?),
        locale: DisplayLocale
    ) -> [FieldView] {
        let label = { (key: String) in Labels.label("periodReport", key)(locale) }
        return [
            FieldView.text(
                .init(name: "from", label: label("from"), hint: label("fromHint"), error: from.error),
                value: from.value,
                type: "date"
            ),
            FieldView.text(
                .init(name: "to", label: label("to"), hint: label("toHint"), error: to.error),
                value: to.value,
                type: "date"
            ),
        ]
    }
}
