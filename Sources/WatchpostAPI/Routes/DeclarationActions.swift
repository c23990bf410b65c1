import Foundation
import WatchpostCore
import WatchpostStore

/// What the declarations routes and pages do alike (issue 29): declare,
/// withdraw and list through the `DeclarationStore`, each refusal an `APIError` that says why.
/// Who may do it is checked by the caller (`Access.governs`, `Access.declaringOfficer`).
enum DeclarationActions {
    /// 400 naming `delegate` when that officer cannot stand in for `subject`.
    static func checkDelegate(_ delegate: OfficerID?, for subject: Officer, directory: Directory) throws(APIError) {
        guard let delegate, let problem = directory.delegateProblem(delegate, for: subject) else { return }
        throw invalid("delegate", problem)
    }

    /// 400 naming `officer` when that officer cannot be on `authority`'s duty roster.
    static func checkDuty(_ officer: OfficerID, at authority: UnitID, directory: Directory) throws(APIError) {
        guard let problem = directory.dutyProblem(officer, at: authority) else { return }
        throw invalid("officer", problem)
    }

    private static func invalid(_ field: String, _ reason: String) -> APIError {
        var invalid = ActionBody([], fields: [], event: false)
        invalid.add(EventProblem(path: field, code: .unknownValue, reason: reason))
        return invalid.error
    }

    /// Declares `subject` for the days of `body`, by `officer`: the declaration and whether it
    /// is new (false: the same one was in force). 409 `absence_overlaps` when another absence of
    /// the officer covers some of the days.
    static func declare(
        _ subject: Declaration.Subject,
        _ body: DeclarationRequest,
        by officer: Officer,
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws(APIError) -> (Declaration, created: Bool) {
        let declaration = Declaration(
            id: UUID(),
            subject: subject,
            first: body.first,
            last: body.last,
            reason: body.reason,
            declaredBy: "officer:\(officer.id)",
            declaredAt: environment.now()
        )
        let outcome: DeclarationStore.DeclareOutcome
        do { outcome = try await store.declare(declaration) } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        switch outcome {
        case .declared(let stored): return (stored, true)
        case .existing(let stored): return (stored, false)
        case .overlaps(let other):
            let day = { (day: CivilDay) in LocalTime.formatDay(day.at(hour: 12), locale: .vi) }
            throw APIError(
                .conflict,
                code: .absenceOverlaps,
                message: "another absence from \(other.first) to \(other.last) is recorded for these days "
                    + "(id \(other.id.canonicalString)); withdraw it first",
                vi: "Đã có lịch vắng mặt từ ngày \(day(other.first)) đến ngày \(day(other.last)) trùng với "
                    + "những ngày này; đề nghị hủy lịch đó trước."
            )
        }
    }

    /// The declarations about `subjects` ending in the last two months or later.
    static func list(
        _ kind: Declaration.Subject.Kind,
        of subjects: [String],
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws(APIError) -> [Declaration] {
        let since = CivilDay(environment.now()).adding(days: -62)
        do { return try await store.list(kind, of: subjects, since: since) } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
    }

    /// Withdraws the declaration `id` (as written in the path) of `subject`'s kind and holder,
    /// now or before; 404 when it is not one of theirs.
    static func withdraw(
        _ id: String?,
        of subject: Declaration.Subject,
        by officer: Officer,
        store: DeclarationStore,
        _ environment: APIEnvironment
    ) async throws(APIError) -> Declaration {
        let notFound = APIError.notFound("this \(subject.kind == .duty ? "duty period" : subject.kind.rawValue)")
        guard let id = id.flatMap(UUID.init(strictString:)) else { throw notFound }
        let outcome: DeclarationStore.WithdrawOutcome?
        do {
            guard let found = try await store.find(id: id), found.subject.kind == subject.kind,
                found.subject.holder == subject.holder
            else { throw notFound }
            outcome = try await store.withdraw(
                id: id,
                kind: subject.kind,
                by: "officer:\(officer.id)",
                now: environment.now()
            )
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        switch outcome {
        case .withdrawn(let declaration), .alreadyWithdrawn(let declaration): return declaration
        case nil: throw notFound
        }
    }
}
