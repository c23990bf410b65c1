import Foundation
import HTTPTypes
import Hummingbird
import WatchpostNotify

/// The SMS gateway's proof on every route it posts to (officers' texts, delivery reports):
/// `WATCHPOST_SMS_INBOUND_SECRET` in `X-Watchpost-Gateway-Key`, or a signature of the body in
/// Watchpost's webhook scheme (`SMSInbound.isAuthentic`). Anyone else, whoever else they are
/// signed in as, gets 401.
enum SMSGatewayCheck {
    static func require(_ request: Request, body bytes: [UInt8], _ environment: APIEnvironment) throws(APIError) {
        guard
            let secret = environment.settings.settings.smsInboundSecret,
            SMSInbound.isAuthentic(
                key: request.headers[HTTPField.Name(SMSInbound.keyHeader)!],
                signature: request.headers[HTTPField.Name(WebhookSignature.signatureHeader)!],
                timestamp: request.headers[HTTPField.Name(WebhookSignature.timestampHeader)!],
                body: Data(bytes),
                secret: secret,
                now: environment.now()
            )
        else {
            throw APIError.unauthenticated(
                "only the SMS gateway posts here, with \(SMSInbound.secretVariable) in \(SMSInbound.keyHeader) or a signature"
            )
        }
    }
}
