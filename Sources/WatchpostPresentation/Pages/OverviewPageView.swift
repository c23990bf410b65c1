import Foundation
import WatchpostCore
import WatchpostStore

/// The authority's overview (`overview.mustache`): open incidents per school, overdue
/// obligations, deliveries that died, and officers nobody can reach, for the schools the
/// officer's education authority supervises; then the way to the period report.
public struct OverviewPageView: Sendable {
    /// One figure of the row at the top; an alarming one is coloured.
    struct Stat: Sendable {
        let value: Int
        let label: String
        let alarming: Bool
    }

    /// The schools with an open incident or an overdue obligation, when there are any.
    struct SchoolTable: Sendable {
        let rows: [SchoolRow]
        let quietSchools: String?
    }

    /// One school of the table; its overdue obligations, when it has any, counted in a badge.
    struct SchoolRow: Sendable {
        let school: String
        let openCount: Int
        let lateBadge: BadgeView?
    }

    /// The way to the period report: its address and the quick choices of period.
    struct PeriodReportLink: Sendable {
        let path: String
        let periods: PeriodReportChoicesView
    }

    let lead: String
    let stats: [Stat]
    let schoolTable: SchoolTable?
    let overdue: OverdueCards?
    let undelivered: UndeliveredCards?
    let channelsUnreadable: Bool
    let unreachable: UnreachableCards?
    let periodReport: PeriodReportLink

    /// The overview of `schools`, at `now`: their `open` incidents, `overdue` obligations, `dead`
    /// deliveries and the reachability `findings` (`nil` when the channel settings could not be
    /// read). `reportPath` and `periods` lead to the period report.
    public init(
        schools: [WatchpostCore.Unit],
        open: [IncidentListItem],
        overdue: [OperatorOverview.OverdueObligation],
        dead: [OperatorOverview.DeadDelivery],
        findings: [ReachabilityFinding]?,
        directory: Directory,
        reportPath: String,
        periods: PeriodReportChoicesView,
        now: Date,
        locale: DisplayLocale
    ) {
        let label = { (key: String) in Labels.label("overview", key)(locale) }
        lead = locale.text(
            "\(schools.count) trường thuộc phạm vi quản lý. Số liệu tại thời điểm mở trang.",
            "\(schools.count) schools under your authority. Figures as of opening this page."
        )
        stats = [
            Stat(value: open.count, label: label("openIncidents"), alarming: false),
            Stat(value: overdue.count, label: label("overdueObligations"), alarming: !overdue.isEmpty),
            Stat(value: dead.count, label: label("alertsThatDied"), alarming: !dead.isEmpty),
            Stat(value: findings?.count ?? 0, label: label("cannotBeReached"), alarming: !(findings ?? []).isEmpty),
        ]
        let names = UnitNames(directory: directory, locale: locale)
        schoolTable = Self.schoolTable(schools: schools, open: open, overdue: overdue, names: names, locale: locale)
        self.overdue =
            overdue.isEmpty ? nil : OverdueCards(overdue.prefix(50), names: names, now: now, locale: locale)
        undelivered = dead.isEmpty ? nil : UndeliveredCards(dead.prefix(50), names: names, locale: locale)
        channelsUnreadable = findings == nil
        unreachable = findings.flatMap { $0.isEmpty ? nil : UnreachableCards($0, names: names, locale: locale) }
        periodReport = PeriodReportLink(path: reportPath, periods: periods)
    }

    /// The schools with the most overdue obligations first, then the most open incidents.
    private static func schoolTable(
        schools: [WatchpostCore.Unit],
        open: [IncidentListItem],
        overdue: [OperatorOverview.OverdueObligation],
        names: UnitNames,
        locale: DisplayLocale
    ) -> SchoolTable? {
        let counts = Dictionary(grouping: open, by: \.unitID)
        let late = Dictionary(grouping: overdue, by: \.schoolID)
        let busy = schools.filter { counts[$0.id] != nil || late[$0.id] != nil }
        guard !busy.isEmpty else { return nil }
        let rank = { (school: WatchpostCore.Unit) -> (Int, Int) in
            let overdueCount: Int = late[school.id]?.count ?? 0
            let openCount: Int = counts[school.id]?.count ?? 0
            return (overdueCount, openCount)
        }
        let rows = busy.sorted { rank($0) > rank($1) }.map { school in
            let lateCount = late[school.id]?.count ?? 0
            return SchoolRow(
                school: names.name(school),
                openCount: counts[school.id]?.count ?? 0,
                lateBadge: lateCount > 0 ? BadgeView(tone: "danger", text: "\(lateCount)") : nil
            )
        }
        let quiet = schools.count - busy.count
        return SchoolTable(
            rows: rows,
            quietSchools: quiet > 0
                ? locale.text(
                    "\(quiet) trường khác không có sự việc đang mở.",
                    "\(quiet) other schools have no open incident."
                ) : nil
        )
    }
}

extension OverviewPageView {
    /// How the overview names a unit: its English name, when it has one, on an English page.
    struct UnitNames {
        let directory: Directory
        let locale: DisplayLocale

        /// The name of `unit`.
        func name(_ unit: WatchpostCore.Unit) -> String { locale == .en ? (unit.nameEN ?? unit.name) : unit.name }

        /// The name of the unit `id`, when the directory has it.
        func name(_ id: UnitID) -> String? { directory.unit(id).map(name) }
    }
}
