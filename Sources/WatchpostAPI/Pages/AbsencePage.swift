import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/absences`, "Lịch vắng mặt": a signed-in officer records their own leave, with the officer
/// standing in, and withdraws it (issue 29). The same checks and store as
/// `POST /v1/officers/{officer}/absences` (`DeclarationActions`); problems are shown next to
/// their fields.
enum AbsencePage {
    static let path = "/absences"

    /// GET: the officer's absences and the empty form, or the notice of a change just made.
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        let notice = request.uri.queryParameters.get("done").flatMap { done -> String? in
            switch done {
            case "saved": Labels.label("absences", "saved")(caller.locale)
            case "withdrawn": Labels.label("absences", "withdrawn")(caller.locale)
            default: nil
            }
        }
        return try await render(caller, entries: AbsencesPageView.Entries(), problems: [:], saved: notice, environment)
            .response()
    }

    /// POST: checks the CSRF token and the fields, records the absence and answers 303; the form
    /// again with 400 (409 for an overlap) when a field needs fixing.
    static func submit(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        let entries = AbsencesPageView.Entries(
            firstDay: form.trimmed("first_day") ?? "",
            lastDay: form.trimmed("last_day") ?? "",
            delegate: form.trimmed("delegate") ?? "",
            reason: form["reason"] ?? ""
        )
        let store = DeclarationStore(pool: environment.pool)
        let officer = caller.officer
        let fields = DeclarationRequest.Fields(
            firstDay: form.trimmed("first_day"),
            lastDay: form.trimmed("last_day"),
            reason: form["reason"],
            delegate: form.trimmed("delegate")
        )
        let outcome = await PageAttempt.run { () async throws(APIError) in
            let body = try DeclarationRequest.check(fields, today: CivilDay(environment.now()))
            try DeclarationActions.checkDelegate(body.delegate, for: officer, directory: environment.directory)
            _ = try await DeclarationActions.declare(
                .absence(officer: officer.id, delegate: body.delegate),
                body,
                by: officer,
                store: store,
                environment
            )
        }
        if case .failure(let error) = outcome {
            guard error.status == .badRequest || error.status == .conflict else { throw error }
            let problems = Self.problems(error, caller.locale)
            return try await render(caller, entries: entries, problems: problems, status: error.status, environment)
                .response()
        }
        return PageRedirect(location: "\(path)?done=saved").response
    }

    /// POST `/absences/{id}/withdraw`: withdraws one of the officer's own absences.
    static func withdraw(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        _ = try await DeclarationActions.withdraw(
            context.parameters.get("id"),
            of: .absence(officer: caller.officer.id, delegate: nil),
            by: caller.officer,
            store: DeclarationStore(pool: environment.pool),
            environment
        )
        return PageRedirect(location: "\(path)?done=withdrawn").response
    }

    /// The officers who may stand in for `officer`: the other officers of the unit who can act.
    static func delegates(of officer: Officer, _ directory: Directory, _ locale: DisplayLocale) -> [(
        id: OfficerID, text: String
    )] {
        directory.officers.filter { candidate in
            candidate.id != officer.id && directory.delegateProblem(candidate.id, for: officer) == nil
        }.map { ($0.id, "\($0.name) — \(directory.title(of: $0, locale: locale))") }
    }

    /// Each field's problem, in the caller's words.
    private static func problems(_ error: APIError, _ locale: DisplayLocale) -> [String: String] {
        guard error.status == .badRequest else {
            return ["first_day": Labels.label("absences", "overlaps")(locale)]
        }
        let keys = [
            "first_day": "firstDayInvalid", "last_day": "lastDayInvalid", "reason": "reasonInvalid",
            "delegate": "delegateInvalid",
        ]
        var problems: [String: String] = [:]
        for problem in error.problems {
            guard let key = keys[problem.path] else { continue }
            problems[problem.path] = Labels.label("absences", key)(locale)
        }
        return problems
    }

    private static func render(
        _ caller: PageCaller,
        entries: AbsencesPageView.Entries,
        problems: [String: String],
        saved: String? = nil,
        status: HTTPResponse.Status = .ok,
        _ environment: APIEnvironment
    ) async throws -> Page {
        let declarations = try await DeclarationActions.list(
            .absence,
            of: caller.officer.id,
            store: DeclarationStore(pool: environment.pool),
            environment
        )
        let view = AbsencesPageView(
            declarations: declarations,
            delegates: delegates(of: caller.officer, environment.directory, caller.locale),
            entries: entries,
            problems: problems,
            saved: saved,
            csrfToken: caller.csrfToken,
            locale: caller.locale
        )
        return caller.page(
            Labels.label("layout", "absences")(caller.locale),
            path: path,
            status: status,
            template: "absences",
            view
        )
    }
}
