import Hummingbird
import NIOCore

/// The request context of every route: who is calling (set by `AuthenticationMiddleware`) and
/// from where (for rate limits and the audit log).
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address.
    public let remoteAddress: SocketAddress?
    /// The authenticated caller, if any.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies larger than this get 413 before any decoding.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The client address as text, for rate limits and logs.
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
