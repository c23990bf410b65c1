import HTTPTypes

/// Who may call a route, declared next to the route by the group that registers it. The
/// authorisation-matrix test checks that every route the router serves has exactly one rule,
/// and that `docs/openapi.yaml` documents every `/v1` route.
public struct RouteRule: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The path as registered, with `{id}`-style parameters.
    public var path: String
    /// The access it needs.
    public var access: Access

    /// The access classes of the API. Per-unit and per-incident checks come on top, in the route.
    public enum Access: Sendable, Hashable {
        /// Anyone: health, the OpenAPI document, the sign-in pages, static assets.
        case anyone
        /// A signed-in officer or a token holding `scope`.
        case scope(Scope)
        /// A token holding `read` that belongs to a tool (monitoring, scrapers): `/metrics`.
        case operations
        /// A delivery provider calling back: the SMS gateway with officers' answers, the telephony
        /// provider with a key press, Zalo with delivery receipts. It holds no Watchpost
        /// credential: the route checks the provider's own secret or signature, and answers 401
        /// to every other caller, whoever else is signed in.
        case provider
    }

    /// Creates a value from its parts.
    public init(_ method: HTTPRequest.Method, _ path: String, _ access: Access) {
        self.method = method
        self.path = path
        self.access = access
    }

    /// The text for logs and messages.
    public var description: String { "\(method.rawValue) \(path)" }
}
