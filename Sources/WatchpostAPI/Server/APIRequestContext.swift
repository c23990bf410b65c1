import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every route: who is calling (set by `AuthenticationMiddleware`) and
/// from where (for rate limits and the audit log).
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    /// The request's core context (Hummingbird).
    public var coreContext: CoreRequestContextStorage
    /// The peer's address.
    public let remoteAddress: SocketAddress?
    /// The authenticated caller, if any.
    public var principal: Principal?
    /// The client's address as a trusted proxy forwarded it (set by `ClientAddressMiddleware`).
    public var forwardedClient: String?

    /// Creates a value from its parts.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies larger than this get 413 before any decoding.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The client address as text, for rate limits and logs: the peer, or the client a trusted
    /// proxy names.
    public var clientAddress: String { forwardedClient ?? remoteAddress?.ipAddress ?? "unknown" }
}

/// Sets `context.forwardedClient` from `X-Forwarded-For` when the peer is a trusted proxy.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let trusted: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !trusted.isEmpty, let peer = context.remoteAddress?.ipAddress else {
            return try await next(request, context)
        }
        let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!]
            .flatMap(TrustedProxies.addresses(inForwardedFor:))
        guard !forwarded.isEmpty else { return try await next(request, context) }
        var context = context
        context.forwardedClient = trusted.client(peer: peer, forwardedFor: forwarded)
        return try await next(request, context)
    }
}
