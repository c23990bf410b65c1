import Foundation
import Hummingbird
import WatchpostCore
import WatchpostStore

/// Closures, absences and duty periods declared at run time (issue 29), on top of
/// `directory.yaml`:
///
/// - `POST /v1/units/{unit}/closures`: an authority closes a unit (and the units below it) for
///   some days: a storm, a lockdown. Working-time deadlines skip those days; open ones move.
/// - `POST /v1/units/{unit}/duty`: an authority names its after-hours duty officer for some days.
/// - `POST /v1/officers/{officer}/absences`: an officer, or their authority, records a leave
///   with an optional delegate, who receives the officer's alerts and obligations meanwhile.
/// - `GET` lists them (from two months back); `DELETE …/{id}` withdraws one, keeping its history.
///
/// The API writes the `declarations` table itself: they are directory data, not incident
/// events. The workers read them at the next batch and move what they shift (D54).
enum DeclarationRoutes: RouteGroup {
    static let declareClosure = RouteRule(.post, "/v1/units/{unit}/closures", .scope(.act))
    static let listClosures = RouteRule(.get, "/v1/units/{unit}/closures", .scope(.read))
    static let withdrawClosure = RouteRule(.delete, "/v1/units/{unit}/closures/{id}", .scope(.act))
    static let recordAbsence = RouteRule(.post, "/v1/officers/{officer}/absences", .scope(.act))
    static let listAbsences = RouteRule(.get, "/v1/officers/{officer}/absences", .scope(.read))
    static let withdrawAbsence = RouteRule(.delete, "/v1/officers/{officer}/absences/{id}", .scope(.act))
    static let nameDuty = RouteRule(.post, "/v1/units/{unit}/duty", .scope(.act))
    static let listDuty = RouteRule(.get, "/v1/units/{unit}/duty", .scope(.read))
    static let withdrawDuty = RouteRule(.delete, "/v1/units/{unit}/duty/{id}", .scope(.act))

    static let rules = [
        declareClosure, listClosures, withdrawClosure, recordAbsence, listAbsences, withdrawAbsence, nameDuty,
        listDuty, withdrawDuty,
    ]

    /// Bodies are two days and a line of text.
    static let maximumBodyBytes = 4 * 1024

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let store = DeclarationStore(pool: environment.pool)
        let directory = environment.directory

        router.add(declareClosure) { request, context, principal in
            let (officer, unit) = try governedUnit(context, principal, directory)
            let body = try await parse(request, officer: nil, environment)
            return try await declare(.closure(unit: unit.id), body, by: officer, store: store, environment)
        }

        router.add(nameDuty) { request, context, principal in
            let (officer, unit) = try governedUnit(context, principal, directory)
            let body = try await parse(request, officer: .duty, environment)
            let onDuty = body.officer ?? ""
            try DeclarationActions.checkDuty(onDuty, at: unit.id, directory: directory)
            let subject = Declaration.Subject.duty(authority: unit.id, officer: onDuty)
            return try await declare(subject, body, by: officer, store: store, environment)
        }

        router.add(recordAbsence) { request, context, principal in
            let (officer, subject) = try absentOfficer(context, principal, directory)
            let body = try await parse(request, officer: .delegate, environment)
            try DeclarationActions.checkDelegate(body.officer, for: subject, directory: directory)
            let absence = Declaration.Subject.absence(officer: subject.id, delegate: body.officer)
            return try await declare(absence, body, by: officer, store: store, environment)
        }

        for (rule, kind) in [(listClosures, Declaration.Subject.Kind.closure), (listDuty, .duty)] {
            router.add(rule) { _, context, principal in
                let caller = try principal.required()
                let unit = try unitPath(context, directory)
                guard Access.readsClosures(of: unit.id, by: caller, directory: directory) else {
                    throw AccessDenial.unitDeclarationNotAllowed
                }
                return try await list(kind, of: unit.id, store: store, environment)
            }
        }

        router.add(listAbsences) { _, context, principal in
            let caller = try principal.required()
            let subject = try officerPath(context, directory)
            guard Access.readsAbsences(of: subject, by: caller, directory: directory) else {
                throw AccessDenial.absenceNotAllowed
            }
            return try await list(.absence, of: subject.id, store: store, environment)
        }

        router.add(withdrawClosure) { _, context, principal in
            let (officer, unit) = try governedUnit(context, principal, directory)
            return try await withdraw(context, .closure(unit: unit.id), by: officer, store: store, environment)
        }

        router.add(withdrawDuty) { _, context, principal in
            let (officer, unit) = try governedUnit(context, principal, directory)
            let subject = Declaration.Subject.duty(authority: unit.id, officer: "")
            return try await withdraw(context, subject, by: officer, store: store, environment)
        }

        router.add(withdrawAbsence) { _, context, principal in
            let (officer, subject) = try absentOfficer(context, principal, directory)
            let absence = Declaration.Subject.absence(officer: subject.id, delegate: nil)
            return try await withdraw(context, absence, by: officer, store: store, environment)
        }
    }

    /// The declaring officer and the unit in the path, which they must govern (403 otherwise).
    private static func governedUnit(_ context: APIRequestContext, _ principal: Principal?, _ directory: Directory)
        throws(APIError) -> (Officer, WatchpostCore.Unit)
    {
        let officer = try Access.declaringOfficer(try principal.required())
        let unit = try unitPath(context, directory)
        guard Access.governs(unit.id, officer: officer, directory: directory) else {
            throw AccessDenial.unitDeclarationNotAllowed
        }
        return (officer, unit)
    }

    /// The declaring officer and the officer in the path: themselves, or one of a unit they
    /// govern (403 otherwise).
    private static func absentOfficer(_ context: APIRequestContext, _ principal: Principal?, _ directory: Directory)
        throws(APIError) -> (Officer, Officer)
    {
        let officer = try Access.declaringOfficer(try principal.required())
        let subject = try officerPath(context, directory)
        guard subject.id == officer.id || Access.governs(subject.unit, officer: officer, directory: directory)
        else { throw AccessDenial.absenceNotAllowed }
        return (officer, subject)
    }

    /// The request's body, naming `officer`, checked as of today.
    private static func parse(
        _ request: Request,
        officer: DeclarationRequest.OfficerField?,
        _ environment: APIEnvironment
    ) async throws(APIError) -> DeclarationRequest {
        let bytes = try await RequestBody.json(request, limit: maximumBodyBytes)
        return try DeclarationRequest.parse(bytes, officer: officer, today: CivilDay(environment.now()))
    }

    /// 201 with the new declaration, 200 with the same one in force.
    private static func declare(
        _ subject: Declaration.Subject,
        _ body: DeclarationRequest,
        by officer: Officer,
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws -> Response {
        let (declaration, created) = try await DeclarationActions.declare(
            subject,
            body,
            by: officer,
            store: store,
            environment
        )
        return JSONResponse.make(created ? .created : .ok, DeclarationBody(declaration))
    }

    /// 200 with the subject's declarations ending in the last two months or later.
    private static func list(
        _ kind: Declaration.Subject.Kind,
        of subject: String,
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws -> Response {
        let found = try await DeclarationActions.list(kind, of: [subject], store: store, environment)
        return JSONResponse.make(.ok, DeclarationListBody(declarations: found.map(DeclarationBody.init)))
    }

    /// 200 with the declaration withdrawn (now or before); 404 when `{id}` is not one of the subject's.
    private static func withdraw(
        _ context: APIRequestContext,
        _ subject: Declaration.Subject,
        by officer: Officer,
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws -> Response {
        let declaration = try await DeclarationActions.withdraw(
            context.parameters.get("id"),
            of: subject,
            by: officer,
            store: store,
            environment
        )
        return JSONResponse.make(.ok, DeclarationBody(declaration))
    }

    private static func unitPath(_ context: APIRequestContext, _ directory: Directory) throws(APIError)
        -> WatchpostCore.Unit
    {
        guard let unit = context.parameters.get("unit").flatMap(directory.unit) else {
            throw APIError.notFound("this unit")
        }
        return unit
    }

    private static func officerPath(_ context: APIRequestContext, _ directory: Directory) throws(APIError) -> Officer {
        guard let officer = context.parameters.get("officer").flatMap(directory.officer) else {
            throw APIError.notFound("this officer")
        }
        return officer
    }
}

extension Optional where Wrapped == Principal {
    /// The principal; 401 without one.
    func required() throws(APIError) -> Principal {
        guard let self else { throw APIError.unauthenticated() }
        return self
    }
}
