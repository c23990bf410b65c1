import Foundation
import WatchpostCore

/// What the body of an action route asks for, once read and checked: the action, and the
/// client's `event_id` and `occurred_at` when it retries idempotently. The routes and the
/// fuzzer both parse bodies here.
public struct ActionRequest: Sendable, Hashable {
    /// The action to perform.
    public var action: IncidentAction
    /// The client's event id of an idempotent retry, if given.
    public var eventID: UUID?
    /// The client's time of an idempotent retry; present whenever `eventID` is.
    public var occurredAt: Date?

    /// The paths of the action routes, as registered (`/v1/incidents/{id}/acknowledge`, ...).
    public static var routes: [String] { ActionRoutes.routes.map(\.rule.path) }

    /// Parses the JSON body `bytes` of the action route at `route` (one of `routes`).
    ///
    /// - Throws: `APIError` 400 listing every problem with its field, or 404 for an unknown route.
    public static func parse(_ bytes: [UInt8], route: String) throws(APIError) -> ActionRequest {
        guard let fields = ActionRoutes.routes.first(where: { $0.rule.path == route })?.fields else {
            throw APIError.notFound("route")
        }
        var body = ActionBody(bytes, fields: fields)
        let action = Self.action(of: route, body: &body)
        let retry = body.retryIdentity()
        try body.check()
        guard let action else { throw APIError.notFound("route") }
        return ActionRequest(action: action, eventID: retry.eventID, occurredAt: retry.occurredAt)
    }

    private static func action(of path: String, body: inout ActionBody) -> IncidentAction? {
        switch path.split(separator: "/").last {
        case "acknowledge": .acknowledge(note: body.text("note"))
        case "actions":
            .recordAction(
                action: body.text("action", required: true) ?? "",
                note: body.text("note"),
                evidenceURL: body.text("evidence_url")
            )
        case "resolve": .resolve(note: body.text("note"))
        case "reopen": .reopen(reason: body.text("reason", required: true) ?? "")
        case "escalate": .escalate(note: body.text("note"), level: body.integer("level"))
        case "merge": .merge(into: body.text("into", required: true) ?? "", note: body.text("note"))
        case "unmerge": .unmerge(note: body.text("note"))
        default: nil
        }
    }
}
