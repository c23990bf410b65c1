import WatchpostCore

/// The quick choices of period (`period-report-choices.mustache`): links to the report of last
/// month, this month and last week, on the period report page and on the overview.
public struct PeriodReportChoicesView: Sendable {
    /// One quick choice; its raw value is its label's key in `periodReport`.
    public enum Choice: String, Sendable, CaseIterable {
        /// The last full calendar month.
        case lastMonth
        /// The calendar month of today.
        case thisMonth
        /// The full week, Monday to Sunday, before this one.
        case lastWeek
    }

    /// One link.
    struct Link: Sendable {
        let path: String
        let text: String
        let current: Bool
    }

    let links: [Link]

    /// The links to `choices`: each one's page address, and whether it is the page shown.
    public init(_ choices: [(choice: Choice, path: String, current: Bool)], locale: DisplayLocale) {
        links = choices.map {
            Link(path: $0.path, text: Labels.label("periodReport", $0.choice.rawValue)(locale), current: $0.current)
        }
    }
}
