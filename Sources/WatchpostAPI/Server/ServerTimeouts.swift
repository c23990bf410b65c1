import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// The HTTP server's timeouts, so that a slow client (slow loris) cannot hold connections:
///
/// - `connectionIdleTimeout` (Hummingbird's `idleTimeout`): a connection on which nothing
///   arrives for that long is closed: between requests, and while a request's head is still
///   incomplete (the idle clock only restarts on a complete head, body part or response);
/// - `requestReadTimeout` (`RequestReadTimeoutHandler`): a request whose body has not fully
///   arrived that long after its head is closed, however slowly its bytes trickle in.
///
/// The time a route takes to answer is not limited here: the produce timeout and the pool bound it.
extension APIServer {
    /// The HTTP/1.1 server with `settings`' timeouts.
    public static func server(_ settings: APISettings) -> HTTPServerBuilder {
        let readTimeout = TimeAmount(settings.requestReadTimeout)
        return .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [RequestReadTimeoutHandler(timeout: readTimeout)],
                idleTimeout: TimeAmount(settings.connectionIdleTimeout)
            )
        )
    }
}

/// Closes the connection when a request's body has not fully arrived `timeout` after its head.
final class RequestReadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                loopBound.value.close(promise: nil)
            }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}

@available(*, unavailable)
extension RequestReadTimeoutHandler: Sendable {}
