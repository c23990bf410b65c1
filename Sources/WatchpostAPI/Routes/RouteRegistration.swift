import Hummingbird
import WatchpostCore

extension Hummingbird.Router<APIRequestContext> {
    /// Registers `handler` for `rule`'s method and path, behind the access the rule declares,
    /// so a route and its rule cannot drift apart. The handler gets the principal (nil only
    /// for `.anyone`).
    func add(
        _ rule: RouteRule,
        _ handler: @escaping @Sendable (Request, APIRequestContext, Principal?) async throws -> Response
    ) {
        on(RouterPath(rule.routerPath), method: rule.method) { request, context in
            let principal = try Access.require(rule.access, context)
            return try await handler(request, context, principal)
        }
    }
}

extension RouteRule {
    /// The rule's path as Hummingbird registers it (`/v1/incidents/:id`).
    var routerPath: String {
        path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
    }
}
