import Hummingbird

/// Answers officers send back through a delivery provider: `POST /v1/sms/inbound`, the SMS
/// gateway's post of a text (`SMSReplyFlow`), and `POST /v1/voice/keypress`, the telephony
/// provider's post of a key pressed during a call (`KeypressFlow`).
enum ReplyRoutes: RouteGroup {
    static let smsInbound = RouteRule(.post, "/v1/sms/inbound", .provider)

    static let keypress = RouteRule(.post, "/v1/voice/keypress", .provider)

    static let rules = [smsInbound, keypress]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let flow = SMSReplyFlow(environment: environment)
        router.add(smsInbound) { request, _, _ in try await flow.receive(request) }
        let keypressFlow = KeypressFlow(environment: environment)
        router.add(keypress) { request, _, _ in try await keypressFlow.receive(request) }
    }
}
