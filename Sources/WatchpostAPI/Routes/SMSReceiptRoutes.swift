import Hummingbird
import WatchpostNotify

/// `POST /v1/sms/receipts`: the SMS gateway's delivery reports of the texts Watchpost sent
/// (`SMSReceiptFlow`), proved like its texts to `/v1/sms/inbound`.
enum SMSReceiptRoutes: RouteGroup {
    static let receipts = RouteRule(.post, SMSInbound.receiptsPath, .provider)
    static let rules = [receipts]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let flow = SMSReceiptFlow(environment: environment)
        router.add(receipts) { request, _, _ in try await flow.receive(request) }
    }
}
