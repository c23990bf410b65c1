import WatchpostCore
import WatchpostNotify
import WatchpostStore

extension PeriodReport {
    /// The chart that goes with table `id`, if that table has one and there is something to draw:
    /// incidents by category against the previous period, and each school's obligations by how
    /// they stood at the period's end.
    func chart(for id: ReportTable.ID, language: ReportLanguage = .bilingual) -> ReportBarChart? {
        switch id {
        case .incidents: categoryChart(language)
        case .schools: obligationChart(language)
        case .heads, .deliveries, .silent, .missed: nil
        }
    }

    private func categoryChart(_ language: ReportLanguage) -> ReportBarChart? {
        let counts = incidentCounts.filter { $0.dimension == .category }
            .sorted { ($0.current, $0.previous) > ($1.current, $1.previous) }
        guard !counts.isEmpty else { return nil }
        return ReportBarChart(
            title: language.text(
                "Sự việc theo loại, kỳ này so với kỳ trước",
                "incidents by category, this period and the previous one"
            ),
            layout: .grouped,
            series: [
                .init(name: language == .en ? "This period" : "Kỳ này", color: "#1f3b73"),
                .init(name: language == .en ? "Previous period" : "Kỳ trước", color: "#9fb4d8"),
            ],
            rows: counts.map { count in
                .init(
                    label: IncidentCategory(rawValue: count.value).map(
                        TemplateStrings.for(language == .en ? .en : .vi).label
                    )
                        ?? count.value,
                    values: [count.current, count.previous]
                )
            }
        )
    }

    private func obligationChart(_ language: ReportLanguage) -> ReportBarChart? {
        let owing = schools.filter { $0.obligations.total > $0.obligations.cancelled }
        guard !owing.isEmpty else { return nil }
        return ReportBarChart(
            title: language.text(
                "Nhiệm vụ của từng trường theo kết quả cuối kỳ",
                "obligations per school as they stood at the period's end"
            ),
            layout: .stacked,
            series: [
                .init(name: language == .en ? "Met on time" : "Đúng hạn", color: "#2e7d32"),
                .init(name: language == .en ? "Met late" : "Trễ hạn", color: "#a86400"),
                .init(name: language == .en ? "Missed" : "Quá hạn chưa làm", color: "#b71c1c"),
                .init(name: language == .en ? "Still open" : "Đang mở", color: "#546e7a"),
            ],
            rows: owing.map { school in
                let tally = school.obligations
                return .init(label: school.name, values: [tally.metOnTime, tally.metLate, tally.missed, tally.open])
            }
        )
    }
}
