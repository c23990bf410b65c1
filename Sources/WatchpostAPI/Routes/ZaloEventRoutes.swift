import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// `POST /v1/zalo/events`: Zalo's webhook. An event signed with the OA secret key
/// (`X-ZEvent-Signature: mac=…`) is taken; a `user_received_message` receipt is recorded on the
/// delivery attempt whose ZNS `msg_id` it names (`DeliveryReceiptStore`; a repeat changes
/// nothing, and one no attempt sent is kept unmatched). Every other event is acknowledged and
/// ignored. A missing or wrong signature is 401 and changes nothing.
enum ZaloEventRoutes: RouteGroup {
    static let events = RouteRule(.post, "/v1/zalo/events", .provider)
    static let rules: [RouteRule] = [events]
    /// Zalo's signature header.
    static let signatureHeader = HTTPField.Name("X-ZEvent-Signature")!
    /// The largest event accepted; Zalo's events are small.
    static let maximumBytes = 64 * 1024

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        router.add(events) { request, _, _ in
            let body = Data(try await RequestBody.json(request, limit: maximumBytes))
            try verify(body, header: request.headers[signatureHeader], environment.settings.settings.zaloEvents)
            let event: ZaloDeliveryEvent
            do {
                event = try ZaloDeliveryEvent.parse(body)
            } catch let error as ZaloEventError {
                throw APIError(
                    .badRequest,
                    code: .invalidBody,
                    message: "the body is not valid: \(error)",
                    vi: "Nội dung gửi lên không hợp lệ; xem danh sách lỗi theo từng trường.",
                    problems: [EventProblem(path: error.field, code: .missing, reason: error.reason)]
                )
            }
            // An id no ZNS send returned (empty, or longer than any gateway's) matches nothing.
            guard event.isReceipt, let messageID = event.messageID,
                (1...ProviderReceipt.maximumMessageID).contains(messageID.count)
            else {
                return JSONResponse.make(.ok, ZaloEventAnswer(status: "ignored", matched: false))
            }
            let receipt = ProviderReceipt(
                channel: .zalo,
                messageID: messageID,
                status: event.name,
                outcome: .delivered,
                reportedAt: event.deliveredAt ?? environment.now()
            )
            let recorded: RecordedReceipt
            do {
                recorded = try await DeliveryReceiptStore(pool: environment.pool).record(
                    receipt,
                    receivedAt: environment.now()
                )
            } catch {
                throw APIError(
                    .serviceUnavailable,
                    code: .databaseUnavailable,
                    message: "the receipt could not be recorded; send it again",
                    vi: "Chưa ghi được biên nhận; đề nghị gửi lại."
                )
            }
            return JSONResponse.make(.ok, ZaloEventAnswer(status: "recorded", matched: recorded.deliveryID != nil))
        }
    }

    /// Throws 401 unless `header` signs `body` for the configured app with the OA secret key.
    static func verify(_ body: Data, header: String?, _ settings: ZaloEventSettings?) throws(APIError) {
        guard let settings else {
            throw refused("Zalo events are not configured on this server (WATCHPOST_ZNS_WEBHOOK_SECRET)")
        }
        guard let timestamp = ZaloDeliveryEvent.signedTimestamp(in: body) else {
            throw refused("the event has no `timestamp`, so its signature cannot be checked")
        }
        guard
            ZaloDeliveryEvent.verify(
                body: body,
                header: header,
                appID: settings.appID,
                timestamp: timestamp,
                secretKey: settings.secretKey
            )
        else {
            throw refused("X-ZEvent-Signature is missing or does not sign this body")
        }
    }

    private static func refused(_ message: String) -> APIError {
        APIError(
            .unauthorized,
            code: .zaloSignatureInvalid,
            message: message,
            vi: "Chữ ký của sự kiện Zalo không hợp lệ hoặc bị thiếu."
        )
    }
}

/// The answer to a Zalo event: `{"status": "recorded"|"ignored", "matched": …}`.
struct ZaloEventAnswer: Encodable {
    var status: String
    var matched: Bool
}
