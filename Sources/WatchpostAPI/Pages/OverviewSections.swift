import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The HTML of the authority's overview.
struct OverviewSections {
    let locale: DisplayLocale
    let directory: Directory
    let now: Date
    let schools: [WatchpostCore.Unit]
    let open: [IncidentListItem]
    let overdue: [OperatorOverview.OverdueObligation]
    let dead: [OperatorOverview.DeadDelivery]
    /// `nil` when the channel settings could not be read.
    let findings: [ReachabilityFinding]?

    func body() -> String {
        let lead = locale.text(
            "\(schools.count) trường thuộc phạm vi quản lý. Số liệu tại thời điểm mở trang.",
            "\(schools.count) schools under your authority. Figures as of opening this page."
        )
        var html = "<p class=\"lead\">\(HTML.escape(lead))</p>"
        html += "<ul class=\"stats\">"
        html += stat(open.count, locale.text("Sự việc đang mở", "Open incidents"), alarming: false)
        html += stat(overdue.count, locale.text("Việc quá hạn", "Overdue obligations"), alarming: !overdue.isEmpty)
        html += stat(dead.count, locale.text("Cảnh báo không gửi được", "Alerts that died"), alarming: !dead.isEmpty)
        html += stat(
            findings?.count ?? 0,
            locale.text("Không liên lạc được", "Cannot be reached"),
            alarming: !(findings ?? []).isEmpty
        )
        html += "</ul>"
        html += perSchool()
        html += overdueList()
        html += deadList()
        html += unreachableList()
        html += periodReport()
        return html
    }

    /// The way to the period report: the last full month, or a quick choice.
    private func periodReport() -> String {
        var html = "<h2>\(locale.text("Báo cáo định kỳ", "Periodic report"))</h2>"
        let lead = locale.text(
            "Số liệu theo kỳ của các trường thuộc phạm vi quản lý: sự việc, thời gian xử lý, việc đúng hạn và quá hạn.",
            "The figures of a period for your schools: incidents, response times, deadlines met and missed."
        )
        html +=
            "<p><a href=\"\(PeriodReportPage.path)\">\(HTML.escape(locale.text("Mở báo cáo định kỳ", "Open the periodic report")))</a>"
        html += " · \(HTML.escape(lead))</p>"
        return html + PeriodReportSections.quickChoices(now: now, locale: locale, current: nil)
    }

    private func stat(_ value: Int, _ label: String, alarming: Bool) -> String {
        "<li\(alarming ? " class=\"danger\"" : "")><strong>\(value)</strong>\(HTML.escape(label))</li>"
    }

    private func perSchool() -> String {
        var html = "<h2>\(locale.text("Sự việc đang mở theo trường", "Open incidents per school"))</h2>"
        let counts = Dictionary(grouping: open, by: \.unitID)
        let late = Dictionary(grouping: overdue, by: \.schoolID)
        let busy = schools.filter { counts[$0.id] != nil || late[$0.id] != nil }
        guard !busy.isEmpty else {
            return html
                + "<p>\(locale.text("Không trường nào có sự việc đang mở.", "No school has an open incident."))</p>"
        }
        html += "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">\(locale.text("Trường", "School"))</th>"
        html += "<th scope=\"col\" class=\"number\">\(locale.text("Đang mở", "Open"))</th>"
        html += "<th scope=\"col\" class=\"number\">\(locale.text("Quá hạn", "Overdue"))</th></tr></thead><tbody>"
        // The schools with the most overdue obligations first, then the most open incidents.
        let rank = { (school: WatchpostCore.Unit) -> (Int, Int) in
            let overdueCount: Int = late[school.id]?.count ?? 0
            let openCount: Int = counts[school.id]?.count ?? 0
            return (overdueCount, openCount)
        }
        let sorted = busy.sorted { rank($0) > rank($1) }
        for school in sorted {
            let overdueCount = late[school.id]?.count ?? 0
            html +=
                "<tr><th scope=\"row\">\(HTML.escape(name(school)))</th><td class=\"number\">\(counts[school.id]?.count ?? 0)</td>"
            html +=
                "<td class=\"number\">\(overdueCount == 0 ? "0" : "<span class=\"badge danger\">\(overdueCount)</span>")</td></tr>"
        }
        html += "</tbody></table></div>"
        let quiet = schools.count - busy.count
        if quiet > 0 {
            html +=
                "<p class=\"muted\">\(locale.text("\(quiet) trường khác không có sự việc đang mở.", "\(quiet) other schools have no open incident."))</p>"
        }
        return html
    }

    private func overdueList() -> String {
        var html = "<h2>\(locale.text("Việc quá hạn", "Overdue obligations"))</h2>"
        guard !overdue.isEmpty else {
            return html + "<p>\(locale.text("Không có việc nào quá hạn.", "No obligation is overdue."))</p>"
        }
        html += "<ul class=\"cards\">"
        for obligation in overdue.prefix(50) {
            let link = "/incidents/\(obligation.incidentID.canonicalString)"
            let owner =
                obligation.ownerOfficerID.map { directory.officer($0)?.name ?? $0 }
                ?? locale.text("chưa có người đảm nhận", "nobody")
            html +=
                "<li class=\"card overdue\"><h3><a href=\"\(link)\">\(HTML.escape(obligation.kind.label(locale)))</a></h3>"
            html +=
                "<p class=\"due overdue\">\(HTML.escape(PageTime.timeLeft(dueAt: obligation.dueAt, now: now, locale: locale)))</p>"
            html +=
                "<p>\(HTML.escape(obligation.schoolName ?? obligation.schoolID)) · \(HTML.escape(obligation.ownerRelation.label(locale))): \(HTML.escape(owner))</p>"
            if obligation.level > 0 {
                html += "<p class=\"muted\">\(PageSentences.escalated(obligation.level, locale))</p>"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    private func deadList() -> String {
        var html = "<h2>\(locale.text("Cảnh báo không gửi được", "Alerts that could not be delivered"))</h2>"
        guard !dead.isEmpty else {
            return html
                + "<p>\(locale.text("Mọi cảnh báo đều đã gửi được hoặc đang gửi.", "Every alert was delivered or is still being sent."))</p>"
        }
        html += "<ul class=\"cards\">"
        for delivery in dead.prefix(50) {
            let who = directory.officer(delivery.recipient)?.name ?? delivery.recipient
            html += "<li class=\"card overdue\"><h3>\(HTML.escape(who))</h3>"
            html += "<p>\(locale.text("Đã thử \(delivery.attempts) lần", "\(delivery.attempts) attempt(s)"))"
            if let at = delivery.lastAttemptAt { html += " · \(PageTime.html(at, locale: locale))" }
            html += "</p>"
            if let error = delivery.lastError {
                html += "<p class=\"muted\">\(HTML.escape(String(error.prefix(200))))</p>"
            }
            if let incident = delivery.incidentID {
                html +=
                    "<p><a href=\"/incidents/\(incident.canonicalString)\">\(locale.text("Mở sự việc", "Open the incident"))</a></p>"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    private func unreachableList() -> String {
        var html = "<h2>\(locale.text("Cán bộ không liên lạc được", "Officers nobody can reach"))</h2>"
        guard let findings else {
            let unreadable = locale.text(
                "Không đọc được cấu hình kênh gửi tin của máy chủ này; đề nghị báo bộ phận vận hành.",
                "The channel settings of this server cannot be read; tell the operators."
            )
            return html + "<div class=\"notice error\"><p>\(unreadable)</p></div>"
        }
        guard !findings.isEmpty else {
            return html
                + "<p>\(locale.text("Mọi người cần nhận cảnh báo đều liên lạc được.", "Everyone who must be alerted can be reached."))</p>"
        }
        html += "<ul class=\"cards\">"
        for finding in findings {
            let roles = finding.relations.map { $0.label(locale) }.joined(separator: ", ")
            switch finding.subject {
            case .officer(let id):
                let officer = directory.officer(id)
                let unit = officer.flatMap { directory.unit($0.unit) }.map(name) ?? ""
                html +=
                    "<li class=\"card soon\"><h3>\(HTML.escape(officer?.name ?? id))</h3><p>\(HTML.escape(unit))</p>"
                html += "<p>\(HTML.escape(problem(finding.problem)))</p>"
            case .school(let id):
                html += "<li class=\"card overdue\"><h3>\(HTML.escape(directory.unit(id).map(name) ?? id))</h3>"
                html += "<p>\(HTML.escape(locale.text("Không ai nhận được cảnh báo", "Nobody can be alerted")))</p>"
            }
            html += "<p class=\"muted\">\(locale.text("Vai trò cần có", "Needed as")): \(HTML.escape(roles))</p></li>"
        }
        return html + "</ul>"
    }

    private func problem(_ problem: ReachabilityFinding.Problem) -> String {
        switch problem {
        case .noChannel: locale.text("Chưa có kênh liên lạc nào trong danh bạ.", "No channel in the directory.")
        case .onlyInvalidAddresses:
            locale.text("Mọi địa chỉ liên lạc trong danh bạ đều sai.", "Every address in the directory is invalid.")
        case .noConfiguredChannel:
            locale.text(
                "Kênh liên lạc của cán bộ chưa được cấu hình ở máy chủ.",
                "Their channels are not configured on this server."
            )
        case .nobodyReachable: locale.text("Không ai nhận được cảnh báo.", "Nobody can be alerted.")
        }
    }

    private func name(_ unit: WatchpostCore.Unit) -> String { locale == .en ? (unit.nameEN ?? unit.name) : unit.name }
}
