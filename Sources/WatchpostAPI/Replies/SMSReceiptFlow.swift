import Foundation
import Hummingbird
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// `POST /v1/sms/receipts`: the SMS gateway's delivery report of a text Watchpost sent, proved
/// like its texts (`SMSGatewayCheck`). The report is kept (`delivery_receipts`) and put on the
/// attempt whose provider message id it names (`DeliveryReceiptStore`); the period report
/// counts the officer reached, not reached or unconfirmed from it (D61). A repeated report
/// changes nothing. A report for a message no attempt sent is kept unmatched and answered 404
/// `message_unknown`, so a gateway that retries posts it again once the worker has recorded the
/// attempt that sent it.
struct SMSReceiptFlow {
    let environment: APIEnvironment

    /// A report is a few short fields.
    static let maximumBodyBytes = 4 * 1024

    func receive(_ request: Request) async throws(APIError) -> Response {
        let bytes = try await RequestBody.bytes(request, limit: Self.maximumBodyBytes)
        try SMSGatewayCheck.require(request, body: bytes, environment)
        try RequestBody.requireJSON(request)
        let report = try SMSReceiptRequest.parse(bytes)
        let now = environment.now()
        let receipt = ProviderReceipt(
            channel: .sms,
            messageID: report.messageID,
            status: report.status,
            outcome: report.outcome,
            reportedAt: report.at ?? now,
            error: report.error
        )
        let recorded = try await IdentityDatabase.run(environment, "recording a delivery report") {
            try await DeliveryReceiptStore(pool: environment.pool).record(receipt, receivedAt: now)
        }
        environment.logger.info(
            "SMS delivery report recorded",
            metadata: [
                "status": "\(report.status)", "matched": "\(recorded.deliveryID != nil)",
                "delivery": "\(recorded.deliveryID.map { "\($0)" } ?? "-")", "repeated": "\(recorded.repeated)",
            ]
        )
        guard recorded.deliveryID != nil else {
            throw APIError(
                .notFound,
                code: .messageUnknown,
                message: "no text Watchpost sent has the gateway id `\(report.messageID)` (yet); the report is kept",
                vi: "Không có tin nhắn nào của hệ thống mang mã này; báo cáo trạng thái đã được lưu lại."
            )
        }
        return JSONResponse.make(
            .ok,
            SMSReceiptBody(messageID: report.messageID, outcome: report.outcome, recorded: recorded)
        )
    }
}
