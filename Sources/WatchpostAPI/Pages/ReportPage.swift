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
        let sent = request.uri.queryParameters.get("sent").flatMap { UUID(uuidString: String($0)) }
        var form = ReportForm()
        if schools.count == 1 { form.school = schools[0].id }
        return render(caller, schools: schools, form: form, problems: ReportFormProblems(), sent: sent).response()
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
        sent: UUID? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Page {
        let view = ReportFormPageView(
            schools: schools,
            entries: form.entries,
            problems: problems.byFieldName,
            sent: sent,
            csrfToken: caller.csrfToken,
            locale: caller.locale
        )
        let title = Labels.label("layout", "report")(caller.locale)
        return caller.page(title, path: "/report", status: status, template: "report-form", view)
    }
}
