import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// `/report`: the form a monitoring officer fills in for content seen on a social network.
/// Posting it publishes `incident.reported` through the `EventPublisher`, signed for the
/// officer; problems are shown next to their fields.
enum ReportPage {
    /// GET: the empty form, or the confirmation of a report just sent (`?sent=<incident>`).
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) throws -> Response
    {
        let caller = try PageCaller.require(.report, request, context, environment)
        let schools = try reportableSchools(caller, environment)
        var notice = ""
        if let sent = request.uri.queryParameters.get("sent").flatMap({ UUID(uuidString: String($0)) }) {
            let locale = caller.locale
            notice = """
                <div class="notice ok" role="status"><p><strong>\(locale.text("Đã gửi báo cáo.", "The report was sent."))</strong> \
                \(locale.text(
                    "Hệ thống đang báo cho hiệu trưởng và cơ quan quản lý.",
                    "Watchpost is alerting the principal and the supervising authority."))</p>\
                <p><a href="/incidents/\(sent.canonicalString)">\(locale.text("Xem sự việc", "See the incident"))</a></p></div>
                """
        }
        var form = ReportForm()
        if schools.count == 1 { form.school = schools[0].id }
        return render(caller, schools: schools, form: form, problems: ReportFormProblems(), notice: notice).response()
    }

    /// POST: checks the CSRF token and the fields, publishes the report, and answers 303 to the
    /// confirmation; the form again with 400 when a field needs fixing.
    static func submit(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.report, request, context, environment)
        let fields = try await PageForm.read(request, context: context)
        try CSRF.require(fields[CSRF.fieldName], request: request, context: context, environment: environment)
        let schools = try reportableSchools(caller, environment)
        let form = ReportForm(fields)
        let (unit, report): (UnitID, IncidentReported)
        switch form.validate(schools: schools, locale: caller.locale) {
        case .success(let valid): (unit, report) = valid
        case .failure(let problems):
            return render(caller, schools: schools, form: form, problems: problems, status: .badRequest).response()
        }
        let event = Event(
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: environment.now(),
            source: caller.principal.source,
            unitID: unit,
            payload: .reported(report)
        )
        let publisher = EventPublisher(environment: environment)
        let bytes = EventEncoder().encode(event)
        let published: PublishedEvent
        switch await PageAttempt.run({ () async throws(APIError) in
            try await publisher.publish(envelope: bytes, as: caller.principal)
        }) {
        case .success(let sent): published = sent
        case .failure(let error) where !error.problems.isEmpty:
            let problems = ReportForm.problems(from: error.problems, locale: caller.locale)
            return render(caller, schools: schools, form: form, problems: problems, status: .badRequest).response()
        case .failure(let error): throw error
        }
        return PageRedirect(location: "/report?sent=\(published.incidentID.canonicalString)").response
    }

    private static func reportableSchools(_ caller: PageCaller, _ environment: APIEnvironment) throws -> [WatchpostCore
        .Unit]
    {
        let schools = PageScope.reportableSchools(for: caller.officer, in: environment.directory)
        guard !schools.isEmpty else {
            throw APIError.forbidden(
                code: .notAMonitor,
                "only monitoring officers report incidents, and you hold no monitoring role for any school",
                vi: "Chỉ cán bộ theo dõi mới báo cáo sự việc; đồng chí chưa được giao theo dõi trường nào."
            )
        }
        return schools
    }

    private static func render(
        _ caller: PageCaller,
        schools: [WatchpostCore.Unit],
        form: ReportForm,
        problems: ReportFormProblems,
        notice: String = "",
        status: HTTPResponse.Status = .ok
    ) -> Page {
        let locale = caller.locale
        var body = notice
        let lead = locale.text(
            "Ghi lại nội dung đã thấy trên mạng xã hội. Chỉ ghi vai trò của người liên quan, không ghi tên, số điện thoại hay địa chỉ của ai.",
            "Record content seen on a social network. Give the roles of the people involved, never their names, phone numbers or addresses."
        )
        body += "<p class=\"lead\">\(lead)</p>"
        if !problems.isEmpty {
            let items = problems.fields.map { field in
                "<li><a href=\"#\(field.rawValue)\">\(HTML.escape(problems[field] ?? ""))</a></li>"
            }
            body += """
                <div class="notice error" role="alert"><p><strong>\(locale.text(
                    "Chưa gửi được: có \(problems.fields.count) chỗ cần sửa.",
                    "Not sent yet: \(problems.fields.count) thing(s) to fix."))</strong></p><ul>\(items.joined())</ul></div>
                """
        }
        body += "<form method=\"post\" action=\"/report\" novalidate>\(caller.csrfField)"
        body += PageFields.select(
            .init(name: "school", label: locale.text("Trường", "School"), error: problems[.school]),
            options: schools.map { ($0.id, locale == .en ? ($0.nameEN ?? $0.name) : $0.name) },
            selected: form.school,
            placeholder: schools.count == 1 ? nil : locale.text("— Chọn trường —", "— Choose the school —")
        )
        body += PageFields.select(
            .init(name: "platform", label: locale.text("Mạng xã hội", "Social network"), error: problems[.platform]),
            options: Platform.allCases.map { ($0.rawValue, $0.label(locale)) },
            selected: form.platform,
            placeholder: locale.text("— Chọn —", "— Choose —")
        )
        body += PageFields.textarea(
            .init(
                name: "urls",
                label: locale.text("Đường dẫn tới nội dung", "Links to the content"),
                hint: locale.text(
                    "Mỗi dòng một đường dẫn, bắt đầu bằng https://. Tối đa \(EventLimits.urlsPerEvent) đường dẫn.",
                    "One link a line, starting with https://. At most \(EventLimits.urlsPerEvent) links."
                ),
                error: problems[.urls]
            ),
            value: form.urls,
            rows: 3,
            inputMode: "url"
        )
        body += PageFields.select(
            .init(name: "category", label: locale.text("Loại sự việc", "Kind of incident"), error: problems[.category]),
            options: IncidentCategory.allCases.map { ($0.rawValue, $0.label(locale)) },
            selected: form.category,
            placeholder: locale.text("— Chọn —", "— Choose —")
        )
        body += PageFields.choices(
            .init(name: "severity", label: locale.text("Mức độ", "Severity"), error: problems[.severity]),
            type: "radio",
            options: Severity.allCases.map { ($0.rawValue, $0.label(locale)) },
            checked: [form.severity],
            columns: true
        )
        body += PageFields.choices(
            .init(
                name: "subjects",
                label: locale.text("Người liên quan (chỉ vai trò)", "People involved (roles only)"),
                hint: locale.text(
                    "Không ghi tên học sinh, trẻ em: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (có hiệu lực từ 01/01/2026) bảo vệ dữ liệu cá nhân của trẻ em.",
                    "Never a student's name: the Personal Data Protection Law 91/2025/QH15 protects children's data."
                ),
                error: problems[.subjects]
            ),
            type: "checkbox",
            options: SubjectRole.allCases.map { ($0.rawValue, $0.heading(locale, at: nil)) },
            checked: form.subjects,
            columns: true
        )
        body += PageFields.textarea(
            .init(
                name: "summary",
                label: locale.text("Mô tả ngắn", "Short description"),
                hint: locale.text(
                    "Điều gì đã được đăng, ở đâu, ảnh hưởng thế nào. Tối đa \(EventLimits.summary) ký tự.",
                    "What was posted, where, and its effect. At most \(EventLimits.summary) characters."
                ),
                error: problems[.summary]
            ),
            value: form.summary,
            rows: 5
        )
        body +=
            "<div class=\"actions\"><button type=\"submit\">\(locale.text("Gửi báo cáo", "Send the report"))</button></div></form>"
        return caller.page(locale.text("Báo cáo sự việc", "Report an incident"), path: "/report", status: status, body)
    }
}
