import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/absences`, "Lịch vắng mặt": a signed-in officer records their own leave, with the officer
/// standing in. `/closures`, "Lịch nghỉ đột xuất": an education authority's staff close a unit
/// they supervise (and the units below it) for some days. `/duty`, "Lịch trực": they name the
/// officers on duty out of hours at the authorities they supervise. Each lists what was declared,
/// withdraws it, and uses the same checks and store as the API (`DeclarationActions`); problems
/// are shown next to their fields (issue 29).
enum DeclarationPage {
    typealias Kind = DeclarationsPageView.Kind

    /// Every page of declarations, in the order of the navigation.
    static let kinds: [Kind] = [.closures, .duty, .absences]

    static func path(_ kind: Kind) -> String { "/\(kind.rawValue)" }

    /// GET: what was declared and the empty form, or the notice of a change just made.
    static func show(_ kind: Kind, _ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment)
        async throws -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        try requireAllowed(kind, caller, environment)
        let notice = request.uri.queryParameters.get("done").flatMap { done -> String? in
            ["saved", "withdrawn"].contains(done) ? Labels.label(kind.rawValue, String(done))(caller.locale) : nil
        }
        let page = try await render(kind, caller, entries: .init(), problems: [:], saved: notice, environment)
        return page.response()
    }

    /// POST: checks the CSRF token and the fields, declares, and answers 303; the form again
    /// with 400 (409 for an overlapping absence) when a field needs fixing.
    static func submit(_ kind: Kind, _ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment)
        async throws -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        try requireAllowed(kind, caller, environment)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        let choice = form.trimmed(kind.choice)
        let entries = DeclarationsPageView.Entries(
            firstDay: form.trimmed("first_day") ?? "",
            lastDay: form.trimmed("last_day") ?? "",
            choice: choice ?? "",
            reason: form["reason"] ?? ""
        )
        let fields = DeclarationRequest.Fields(
            firstDay: form.trimmed("first_day"),
            lastDay: form.trimmed("last_day"),
            reason: form["reason"],
            officer: kind == .absences ? choice : nil
        )
        let officer = caller.officer
        let offered = Set(choices(kind, caller, environment).map(\.id))
        let outcome = await PageAttempt.run { () async throws(APIError) in
            let problems =
                kind != .absences && !offered.contains(choice ?? "")
                ? [EventProblem(path: kind.choice, code: .unknownValue, reason: "is not one of the choices")] : []
            let body = try DeclarationRequest.check(fields, today: CivilDay(environment.now()), problems: problems)
            let subject: Declaration.Subject
            switch kind {
            case .absences:
                try DeclarationActions.checkDelegate(body.officer, for: officer, directory: environment.directory)
                subject = .absence(officer: officer.id, delegate: body.officer)
            case .closures:
                subject = .closure(unit: choice ?? "")
            case .duty:
                let onDuty = choice ?? ""
                subject = .duty(authority: environment.directory.officer(onDuty)?.unit ?? "", officer: onDuty)
            }
            _ = try await DeclarationActions.declare(
                subject,
                body,
                by: officer,
                store: DeclarationStore(pool: environment.pool),
                environment
            )
        }
        if case .failure(let error) = outcome {
            guard error.status == .badRequest || error.status == .conflict else { throw error }
            let page = try await render(
                kind,
                caller,
                entries: entries,
                problems: problems(error, caller.locale),
                status: error.status,
                environment
            )
            return page.response()
        }
        return PageRedirect(location: "\(path(kind))?done=saved").response
    }

    /// POST `…/{id}/withdraw`: withdraws one of the caller's absences, or a closure or duty
    /// period of a unit the caller governs.
    static func withdraw(_ kind: Kind, _ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment)
        async throws -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        try requireAllowed(kind, caller, environment)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        let store = DeclarationStore(pool: environment.pool)
        let id = context.parameters.get("id")
        let subject: Declaration.Subject
        switch kind {
        case .absences:
            subject = .absence(officer: caller.officer.id, delegate: nil)
        case .closures, .duty:
            // The unit closed or on duty, if it is one the caller governs; else not found.
            var found: Declaration?
            if let declaration = id.flatMap(UUID.init(strictString:)) {
                do { found = try await store.find(id: declaration) } catch {
                    throw APIError.databaseUnavailable(error, environment: environment)
                }
            }
            guard let found, found.subject.kind == kind.subjectKind,
                governed(caller, environment).contains(found.subject.holder)
            else { throw APIError.notFound("this declaration") }
            subject = found.subject
        }
        _ = try await DeclarationActions.withdraw(id, of: subject, by: caller.officer, store: store, environment)
        return PageRedirect(location: "\(path(kind))?done=withdrawn").response
    }

    /// Whether the caller has anything to declare on this page: every officer has their own
    /// absences; closures are for an education authority's staff.
    private static func requireAllowed(_ kind: Kind, _ caller: PageCaller, _ environment: APIEnvironment) throws {
        if kind != .absences, governed(caller, environment).isEmpty { throw AccessDenial.unitDeclarationNotAllowed }
    }

    /// The units the caller may close: their authority and every unit it supervises.
    static func governed(_ caller: PageCaller, _ environment: APIEnvironment) -> [UnitID] {
        Access.governedUnits(by: caller.officer, directory: environment.directory)
    }

    /// The choice field's options: the officers who may stand in for the caller, or the units
    /// the caller may close.
    private static func choices(_ kind: Kind, _ caller: PageCaller, _ environment: APIEnvironment) -> [(
        id: String, text: String
    )] {
        let directory = environment.directory
        switch kind {
        case .absences:
            return directory.officers.filter { candidate in
                candidate.id != caller.officer.id && directory.delegateProblem(candidate.id, for: caller.officer) == nil
            }.map { ($0.id, "\($0.name) — \(directory.title(of: $0, locale: caller.locale))") }
        case .closures:
            return governed(caller, environment).compactMap(directory.unit).map {
                ($0.id, (caller.locale == .en ? $0.nameEN : nil) ?? $0.name)
            }
        case .duty:
            let authorities = Set(governed(caller, environment))
            return directory.officers.filter { officer in
                authorities.contains(officer.unit) && directory.dutyProblem(officer.id, at: officer.unit) == nil
            }.map { ($0.id, "\($0.name) — \(directory.title(of: $0, locale: caller.locale))") }
        }
    }

    /// Each field's problem, in the caller's words.
    private static func problems(_ error: APIError, _ locale: DisplayLocale) -> [String: String] {
        guard error.status == .badRequest else { return ["first_day": Labels.label("absences", "overlaps")(locale)] }
        let labels: [String: (String, String)] = [
            "first_day": ("declarations", "firstDayInvalid"), "last_day": ("declarations", "lastDayInvalid"),
            "reason": ("declarations", "reasonInvalid"), "delegate": ("absences", "delegateInvalid"),
            "unit": ("closures", "unitInvalid"), "officer": ("duty", "officerInvalid"),
        ]
        var problems: [String: String] = [:]
        for problem in error.problems {
            guard let (section, key) = labels[problem.path] else { continue }
            problems[problem.path] = Labels.label(section, key)(locale)
        }
        return problems
    }

    private static func render(
        _ kind: Kind,
        _ caller: PageCaller,
        entries: DeclarationsPageView.Entries,
        problems: [String: String],
        saved: String? = nil,
        status: HTTPResponse.Status = .ok,
        _ environment: APIEnvironment
    ) async throws -> Page {
        let subjects = kind == .absences ? [caller.officer.id] : governed(caller, environment)
        let declarations = try await DeclarationActions.list(
            kind.subjectKind,
            of: subjects,
            store: DeclarationStore(pool: environment.pool),
            environment
        )
        let view = DeclarationsPageView(
            kind,
            path: path(kind),
            declarations: declarations,
            choices: choices(kind, caller, environment),
            entries: entries,
            problems: problems,
            saved: saved,
            csrfToken: caller.csrfToken,
            locale: caller.locale
        )
        return caller.page(
            Labels.label("layout", kind.rawValue)(caller.locale),
            path: path(kind),
            status: status,
            template: "declarations",
            view
        )
    }
}

extension DeclarationsPageView.Kind {
    /// What a page of this kind declares.
    var subjectKind: Declaration.Subject.Kind {
        switch self {
        case .absences: .absence
        case .closures: .closure
        case .duty: .duty
        }
    }
}
