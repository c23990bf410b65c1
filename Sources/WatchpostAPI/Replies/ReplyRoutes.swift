import Hummingbird

/// Answers officers send back through a delivery provider: `POST /v1/sms/inbound`, the SMS
/// gateway's post of a text (`SMSReplyFlow`).
enum ReplyRoutes: RouteGroup {
    static let smsInbound = RouteRule(.post, "/v1/sms/inbound", .provider)

    static let rules = [smsInbound]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let flow = SMSReplyFlow(environment: environment)
        router.add(smsInbound) { request, _, _ in try await flow.receive(request) }
    }
}
