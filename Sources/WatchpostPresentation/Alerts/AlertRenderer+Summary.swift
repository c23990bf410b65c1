import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// The summary line of an alert (body and webhook payload).
    ///
    /// The incident's summary is quoted only when a report by an officer, by Watchpost itself or
    /// by a tool in `trustedTools` carries exactly that text; otherwise (a report of an untrusted
    /// tool, or a summary changed by an update whose author the incident does not keep) the line
    /// states the checked facts instead: category, severity, platform and school. A quoted
    /// summary has every link-like word replaced by `[liên kết đã ẩn]` / `[link hidden]`, the
    /// incident's own reported URLs included (D14).
    public func summaryText(_ context: AlertContext) -> String {
        let strings = TemplateStrings.for(context.locale)
        let incident = context.incident
        let vouched = incident.evidence.contains { report in
            report.summary == incident.summary && isVouched(report.reportedBy)
        }
        guard vouched else {
            return strings.toolReportLine(
                strings.label(incident.category),
                strings.label(incident.severity),
                incident.platform == .other ? nil : strings.label(incident.platform),
                context.school.name
            )
        }
        return SummaryLinks.hiding(in: incident.summary, marker: strings.linkHidden)
    }

    /// Whether a summary from `source` may be quoted in an alert.
    private func isVouched(_ source: EventSource) -> Bool {
        switch source.kind {
        case .officer, .system: true
        case .tool: trustedTools.contains(source.id)
        }
    }
}
