import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The HTML of the incident page: the facts, the obligations with their reason and legal
/// basis, the action forms, and the timeline of events, alerts and deliveries.
struct IncidentPageSections {
    /// Which form was just sent, for the confirmation (`?done=`).
    enum Done: String, Sendable {
        case acknowledged, action, resolved
    }

    /// A form sent back with problems.
    struct FormProblem {
        var form: Done
        var problems: [EventProblem]
        var typed: PageForm
    }

    let caller: PageCaller
    let timeline: IncidentTimeline
    let directory: Directory
    let now: Date
    let showsURLs: Bool
    let involvesChild: Bool
    let mayAct: (EventType) -> Bool

    private var locale: DisplayLocale { caller.locale }
    private var state: IncidentState { timeline.summary.state }
    private var path: String { "/incidents/\(state.id.canonicalString)" }

    func body(done: Done?, problem: FormProblem?) -> String {
        var html = ""
        if let done { html += confirmation(done) }
        if involvesChild {
            let logged = locale.text(
                "Sự việc liên quan đến trẻ em: mỗi lần xem trang này đều được ghi lại (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).",
                "A child is involved: every view of this page is logged (Personal Data Protection Law 91/2025/QH15)."
            )
            html += "<div class=\"notice warn\"><p>\(logged)</p></div>"
        }
        // The officer's next step first: on a phone the facts, the deadlines and their legal
        // basis would push it several screens down.
        html += actions(problem)
        html += facts()
        html += obligations()
        html += events()
        return html
    }

    private func confirmation(_ done: Done) -> String {
        let what =
            switch done {
            case .acknowledged: locale.text("Đã gửi xác nhận.", "Your acknowledgement was sent.")
            case .action: locale.text("Đã ghi nhận hành động.", "The action was recorded.")
            case .resolved: locale.text("Đã gửi yêu cầu đóng sự việc.", "The resolution was sent.")
            }
        let later = locale.text(
            "Trang sẽ cập nhật khi hệ thống xử lý xong; tải lại trang sau ít giây.",
            "The page shows it once Watchpost has processed it; reload in a few seconds."
        )
        return "<div class=\"notice ok\" role=\"status\"><p><strong>\(what)</strong> \(later)</p></div>"
    }

    private func facts() -> String {
        let school = timeline.unitName ?? state.unitID
        var html = "<dl class=\"facts\">"
        html += row(locale.text("Trường", "School"), HTML.escape(school))
        html += row(
            locale.text("Trạng thái", "Status"),
            "<span class=\"badge \(state.status.isOpen ? "warn" : "ok")\">\(HTML.escape(state.status.label(locale)))</span>"
        )
        html += row(locale.text("Mức độ", "Severity"), IncidentCards.severityBadge(state.severity, locale: locale))
        html += row(locale.text("Mạng xã hội", "Social network"), HTML.escape(state.platform.label(locale)))
        let roles =
            state.subjects.isEmpty
            ? locale.text("Không ghi", "None given")
            : state.subjects.map { $0.heading(locale, at: directory.unit(state.unitID)?.kind) }.joined(separator: ", ")
        html += row(locale.text("Người liên quan", "People involved"), HTML.escape(roles))
        html += row(locale.text("Báo cáo lúc", "Reported"), PageTime.html(state.reportedAt, locale: locale))
        if let acknowledgedAt = state.acknowledgedAt {
            let names = state.acknowledgedBy.map(name(of:)).joined(separator: ", ")
            html += row(
                locale.text("Xác nhận lúc", "Acknowledged"),
                "\(PageTime.html(acknowledgedAt, locale: locale)) · \(HTML.escape(names))"
            )
        }
        if let resolvedAt = state.resolvedAt {
            html += row(locale.text("Giải quyết lúc", "Resolved"), PageTime.html(resolvedAt, locale: locale))
        }
        if let purgedAt = timeline.summary.purgedAt {
            html += row(
                locale.text("Nội dung chi tiết", "Details"),
                "<strong>\(HTML.escape(purgedNotice(purgedAt)))</strong>"
            )
        } else {
            html += row(locale.text("Mô tả", "Description"), HTML.escape(state.summary))
            html += links()
        }
        return html + "</dl>"
    }

    /// What a page shows instead of the description and links of a purged incident.
    private func purgedNotice(_ purgedAt: Date) -> String {
        let day = LocalTime.formatDay(purgedAt, locale: locale)
        return locale.text(
            "Nội dung chi tiết (mô tả, đường dẫn, bằng chứng) đã được xoá theo thời hạn lưu trữ ngày \(day) "
                + "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).",
            "The details (description, links, evidence) were removed under the retention policy on \(day) "
                + "(Personal Data Protection Law 91/2025/QH15)."
        )
    }

    private func links() -> String {
        var html = ""
        if showsURLs {
            let links = state.urls.map { url in
                "<li><a href=\"\(HTML.escape(url))\" rel=\"noopener noreferrer nofollow\">\(HTML.escape(url))</a></li>"
            }
            html += row(locale.text("Đường dẫn", "Links"), "<ul>\(links.joined())</ul>")
        } else {
            html += row(
                locale.text("Đường dẫn", "Links"),
                HTML.escape(
                    locale.text(
                        "Chỉ cán bộ có thẩm quyền với sự việc này mới xem được.",
                        "Shown only to officers authorised for this incident."
                    )
                )
            )
        }
        return html
    }

    private func obligations() -> String {
        guard !state.obligations.isEmpty else { return "" }
        var html = "<h2>\(locale.text("Nhiệm vụ và thời hạn", "Obligations and deadlines"))</h2><ul class=\"cards\">"
        let ordered = state.obligations.sorted {
            ($0.status != .open ? 1 : 0, $0.dueAt ?? .distantFuture) < (
                $1.status != .open ? 1 : 0, $1.dueAt ?? .distantFuture
            )
        }
        for obligation in ordered {
            let urgency =
                obligation.status == .open ? PageTime.urgency(dueAt: obligation.dueAt, now: now).rawValue : "done"
            html += "<li class=\"card \(urgency)\"><h3>\(HTML.escape(obligation.kind.label(locale)))</h3>"
            let owner =
                obligation.ownerOfficerID.map(name(of:)) ?? locale.text("chưa có người đảm nhận", "nobody holds it")
            html += "<p>\(HTML.escape(obligation.ownerRelation.label(locale))): \(HTML.escape(owner))</p>"
            switch obligation.status {
            case .open:
                if let dueAt = obligation.dueAt {
                    html +=
                        "<p class=\"due \(urgency)\">\(HTML.escape(PageTime.timeLeft(dueAt: dueAt, now: now, locale: locale)))"
                    if urgency == PageTime.Urgency.overdue.rawValue {
                        html += " <span class=\"badge danger\">\(locale.text("QUÁ HẠN", "OVERDUE"))</span>"
                    }
                    html +=
                        "</p><p class=\"muted\">\(locale.text("Thời hạn: chậm nhất", "Due:")) \(PageTime.html(dueAt, locale: locale))</p>"
                }
            case .met, .cancelled:
                html +=
                    "<p><span class=\"badge \(obligation.status == .met ? "ok" : "plain")\">\(HTML.escape(obligation.status.label(locale)))</span>"
                if let closedAt = obligation.closedAt { html += " \(PageTime.html(closedAt, locale: locale))" }
                if let metBy = obligation.metBy { html += " · \(HTML.escape(name(of: metBy)))" }
                html += "</p>"
            }
            if obligation.level > 0 {
                html += "<p class=\"muted\">\(PageSentences.escalated(obligation.level, locale))</p>"
            }
            html +=
                "<details class=\"basis\"><summary>\(locale.text("Lý do và căn cứ", "Why, and the legal basis"))</summary>"
            html += "<p>\(HTML.escape(obligation.reason.text(locale)))</p>"
            html +=
                "<p class=\"muted\"><strong>\(locale.text("Căn cứ:", "Legal basis:"))</strong> \(HTML.escape(obligation.reason.legalBasis))</p></details></li>"
        }
        return html + "</ul>"
    }

    private func actions(_ problem: FormProblem?) -> String {
        guard state.status.isOpen, caller.principal.has(.act) else { return "" }
        var forms = ""
        let acknowledged = state.acknowledgedBy.contains(caller.officer.id)
        if mayAct(.incidentAcknowledged) && !acknowledged {
            forms += form(
                .acknowledged,
                action: "acknowledge",
                legend: ObligationKind.acknowledge.label(locale),
                fields: noteField(.acknowledged, problem),
                button: locale.text("Xác nhận", "Acknowledge"),
                problem: problem,
                primary: true
            )
        }
        if mayAct(.actionRecorded) {
            let typed = problem?.form == .action ? problem?.typed : nil
            var fields = PageFields.select(
                .init(
                    name: "action",
                    label: locale.text("Hành động đã làm", "What was done"),
                    error: message(.action, "action", problem)
                ),
                options: ActionKind.allCases.map { ($0.rawValue, $0.label(locale)) },
                selected: typed?["action"] ?? "",
                placeholder: locale.text("— Chọn —", "— Choose —")
            )
            fields += PageFields.text(
                .init(
                    name: "evidence_url",
                    label: locale.text("Đường dẫn minh chứng (nếu có)", "Link proving it (optional)"),
                    hint: locale.text(
                        "Ví dụ: bài đính chính, thông báo gỡ bỏ.",
                        "E.g. the correction post, the takedown notice."
                    ),
                    error: message(.action, "evidence_url", problem)
                ),
                value: typed?["evidence_url"] ?? "",
                type: "url"
            )
            fields += noteField(.action, problem)
            let first = forms.isEmpty
            forms += form(
                .action,
                action: "actions",
                legend: locale.text("Ghi nhận hành động", "Record an action"),
                fields: fields,
                button: locale.text("Ghi nhận", "Record"),
                problem: problem,
                primary: first
            )
        }
        if mayAct(.incidentResolved) {
            forms += form(
                .resolved,
                action: "resolve",
                legend: locale.text("Đóng sự việc", "Resolve the incident"),
                fields: noteField(.resolved, problem),
                button: locale.text("Đánh dấu đã giải quyết", "Mark as resolved"),
                problem: problem,
                secondary: true
            )
        }
        guard !forms.isEmpty else { return "" }
        return "<h2 id=\"actions\">\(locale.text("Việc đồng chí có thể làm", "What you can do"))</h2>\(forms)"
    }

    private func form(
        _ kind: Done,
        action: String,
        legend: String,
        fields: String,
        button: String,
        problem: FormProblem?,
        secondary: Bool = false,
        primary: Bool = false
    ) -> String {
        var html =
            "<form method=\"post\" action=\"\(path)/\(action)\"><fieldset><legend>\(HTML.escape(legend))</legend>"
        html += caller.csrfField
        if let problem, problem.form == kind {
            html +=
                "<div class=\"notice error\" role=\"alert\"><p>\(locale.text("Chưa gửi được; đề nghị sửa:", "Not sent; please fix:"))</p></div>"
        }
        html += fields
        let style = secondary ? " class=\"secondary\"" : ""
        // `data-primary`: the step the officer came for; the browser check finds it on the first screen.
        html +=
            "<div class=\"actions\"><button type=\"submit\"\(style)\(primary ? " data-primary" : "")>\(HTML.escape(button))</button></div>"
        return html + "</fieldset></form>"
    }

    private func noteField(_ kind: Done, _ problem: FormProblem?) -> String {
        let typed = problem?.form == kind ? problem?.typed["note"] : nil
        return PageFields.textarea(
            .init(
                name: "note",
                label: locale.text("Ghi chú (không bắt buộc)", "Note (optional)"),
                error: message(kind, "note", problem)
            ),
            value: typed ?? "",
            rows: 2
        )
        .replacingOccurrences(of: "id=\"note\"", with: "id=\"note-\(kind.rawValue)\"")
        .replacingOccurrences(of: "for=\"note\"", with: "for=\"note-\(kind.rawValue)\"")
    }

    private func message(_ kind: Done, _ field: String, _ problem: FormProblem?) -> String? {
        guard let problem, problem.form == kind,
            let found = problem.problems.first(where: { $0.path == field || $0.path.hasPrefix(field + "[") })
        else { return nil }
        return locale.text("Chưa hợp lệ: \(found.reason).", "Not valid: \(found.reason).")
    }

    private func events() -> String {
        struct Entry {
            var at: Date
            var kind: String
            var html: String
        }
        var entries: [Entry] = timeline.events.map { event in
            var text =
                "<strong>\(HTML.escape(event.type.label(locale)))</strong> · \(HTML.escape(sourceName(event.source)))"
            if case .success(let decoded) = EventDecoder(knownUnit: { _ in true }).decode(Array(event.envelope.utf8)) {
                text += detail(decoded.payload)
            }
            if let outcome = event.outcome, outcome != "applied" {
                text +=
                    " <span class=\"badge plain\">\(HTML.escape(outcome == "ignored" ? locale.text("không áp dụng", "not applied") : locale.text("bị từ chối", "rejected")))</span>"
            }
            return Entry(at: event.occurredAt, kind: "event", html: text)
        }
        for record in timeline.summary.alerts {
            let alert = record.alert
            var text = "\(locale.text("Cảnh báo", "Alert")) «\(HTML.escape(template(alert.template)))» → "
            text += "\(HTML.escape(name(of: alert.recipient))) (\(HTML.escape(alert.relation.label(locale))))"
            let status = record.deliveryStatus ?? "pending"
            text += " · \(deliveryLabel(status, record))"
            entries.append(Entry(at: alert.createdAt, kind: status == "dead" ? "alert dead" : "alert", html: text))
        }
        guard !entries.isEmpty else { return "" }
        entries.sort { $0.at < $1.at }
        var html = "<h2>\(locale.text("Diễn biến", "Timeline"))</h2><ol class=\"timeline\">"
        for entry in entries {
            html += "<li class=\"\(entry.kind)\">\(PageTime.html(entry.at, locale: locale))\(entry.html)</li>"
        }
        return html + "</ol>"
    }

    private func detail(_ payload: EventPayload) -> String {
        var parts: [String] = []
        switch payload {
        case .reported(let report):
            parts.append(report.severity.label(locale))
        case .updated(let update):
            if let severity = update.severity {
                parts.append(locale.text("mức độ: ", "severity: ") + severity.label(locale))
            }
        case .acknowledged(let body):
            if let note = body.note { parts.append(note) }
        case .actionRecorded(let body):
            parts.append(body.action.label(locale))
            if let note = body.note { parts.append(note) }
        case .escalated(let body):
            parts.append(locale.text("lần \(body.level)", "level \(body.level)"))
            if let note = body.note { parts.append(note) }
        case .resolved(let body):
            if let note = body.note { parts.append(note) }
        case .reopened(let body):
            parts.append(body.reason)
        }
        return parts.isEmpty ? "" : "<br>" + parts.map(HTML.escape).joined(separator: " · ")
    }

    private func deliveryLabel(_ status: String, _ record: AlertRecord) -> String {
        switch status {
        case "delivered":
            let at = record.deliveredAt.map { " " + PageTime.html($0, locale: locale) } ?? ""
            return "<span class=\"badge ok\">\(locale.text("đã gửi", "delivered"))</span>\(at)"
        case "dead":
            return "<span class=\"badge danger\">\(locale.text("không gửi được", "could not be delivered"))</span>"
        case "cancelled": return "<span class=\"badge plain\">\(locale.text("đã hủy", "cancelled"))</span>"
        default: return "<span class=\"badge warn\">\(locale.text("đang gửi", "sending"))</span>"
        }
    }

    private func template(_ template: AlertTemplate) -> String {
        switch template {
        case .incidentNew: locale.text("Sự việc mới", "New incident")
        case .incidentUpdated: locale.text("Cập nhật", "Update")
        case .incidentEscalated: locale.text("Báo cáo cấp trên chỉ đạo", "Escalation")
        case .incidentResolved: locale.text("Đã giải quyết", "Resolved")
        case .incidentReopened: locale.text("Mở lại", "Reopened")
        case .evidenceAttached: locale.text("Thêm bằng chứng", "More evidence")
        case .obligationReminder: locale.text("Nhắc hạn", "Reminder")
        case .obligationEscalated: locale.text("Nhiệm vụ quá hạn, báo cáo cấp trên", "Obligation escalated")
        case .obligationMissed: locale.text("Trễ hạn", "Deadline missed")
        case .deliveryFailed: locale.text("Không gửi được cảnh báo", "Alert not delivered")
        }
    }

    private func sourceName(_ source: EventSource) -> String {
        switch source.kind {
        case .officer: name(of: source.id)
        case .tool: locale.text("Công cụ \(source.id)", "Tool \(source.id)")
        case .system: locale.text("Hệ thống Watchpost", "Watchpost")
        }
    }

    private func name(of officer: OfficerID) -> String { directory.officer(officer)?.name ?? officer }

    private func row(_ term: String, _ value: String) -> String { "<dt>\(HTML.escape(term))</dt><dd>\(value)</dd>" }
}
