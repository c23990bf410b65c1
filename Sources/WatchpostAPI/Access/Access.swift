import WatchpostCore
import WatchpostStore

/// Authorisation by role and unit, from the directory (issue 9). Routes and pages call:
///
/// - `Access.require(_:_:)`: a route's declared `RouteRule.Access` (401 without a principal,
///   403 `scope_missing` without the scope).
/// - `Access.visibility(of:directory:)` → the `IncidentScope` a principal may see;
///   `Access.actingScope(of:directory:)` → the one it may act on; pass them to `IncidentViews`.
/// - `Access.reportingUnits(of:directory:)`: the units a monitoring officer may report for.
/// - `Access.viewableIncident(_:by:environment:)` (async): 404 / 403 `forbidden_incident`, or
///   the incident's `IncidentStanding`; `Access.canView(…)` and `Access.canAct(…)` answer
///   without throwing (to show or hide a button).
/// - `Access.checkPublish(_:by:directory:)` and `Access.checkIncident(_:by:environment:)`
///   (async), both called by `EventPublisher` for every event it takes in: who may
///   send which event.
/// - `IncidentViewLog.record(…)`: log a view of an incident involving a student.
///
/// The rules:
/// - a school's head or deputy: their school's incidents;
/// - an education authority's staff (head, deputy, desk, leadership): every school it
///   supervises, through authorities under it too (so the Department's staff: the province);
/// - a police liaison, or a People's Committee's chair or vice-chair: the incidents an alert or
///   obligation routed to them;
/// - a monitoring officer: reports and updates for their unit (at an authority or a commune, for
///   the schools under it too) and sees the incidents they reported;
/// - acting (acknowledge, action, resolve, reopen, escalate) needs the `act` scope and one of the
///   first three on that incident (what each may do there is the workers' `Responsibility`); a
///   signed link may only acknowledge its incident;
/// - tools: `read` sees everything, `report` reports for any known unit, tools never act.
///   A tool with `read` does not get the reported URLs (see `IncidentDetailBody`).
public enum Access {
    /// Throws 401 without a principal, 403 unless it is a tool token with `read`.
    static func requireOperations(_ context: APIRequestContext) throws {
        guard let principal = context.principal else { throw APIError.unauthenticated() }
        guard case .tool = principal, principal.has(.read) else {
            throw APIError.forbidden(
                code: .operationsOnly,
                "/metrics is for an operations tool token with the read scope",
                vi: "/metrics chỉ dành cho mã truy cập vận hành có quyền đọc."
            )
        }
    }

    /// Enforces a route's declared access and returns the principal (nil for `.anyone` without one).
    @discardableResult
    public static func require(_ access: RouteRule.Access, _ context: APIRequestContext) throws(APIError) -> Principal?
    {
        switch access {
        case .anyone:
            return context.principal
        case .scope(let scope):
            guard let principal = context.principal else { throw APIError.unauthenticated() }
            guard principal.has(scope) else { throw AccessDenial.scopeMissing(scope) }
            return principal
        case .operations:
            do { try requireOperations(context) } catch let error as APIError { throw error } catch {
                throw APIError.unauthenticated()
            }
            return context.principal
        case .provider:
            // The route checks the provider's secret or signature; who else is signed in is moot.
            return nil
        }
    }
}

extension Access {
    /// Whether `principal` sees the events the router refused in a timeline: only an operations
    /// tool token with `read` (the one `/metrics` asks for). Anyone who can write to the broker
    /// can make a refused event name an incident, so officers never see them; operators read
    /// them here or with `watchpost dlq`. Pages are for officers, so they never show them.
    static func seesRejectedEvents(_ principal: Principal) -> Bool {
        guard case .tool = principal else { return false }
        return principal.has(.read)
    }
}
