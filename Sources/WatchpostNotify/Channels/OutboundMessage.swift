import Foundation
import WatchpostCore

/// One rendered message, ready to be sent to one address on any channel.
///
/// Templates produce it; channels only carry it. Every channel passes `idempotencyKey`
/// to the receiver in the form it understands (an `Idempotency-Key` header, a
/// `Message-ID`, a gateway field) so a retried delivery can be recognised as the same one.
public struct OutboundMessage: Sendable, Hashable {
    /// The subject line; used by e-mail, shown by the console, ignored by SMS.
    public var subject: String
    /// The plain-text body, UTF-8.
    public var body: String
    /// A structured JSON document (UTF-8 bytes) posted by the webhook channel.
    ///
    /// When `nil`, the webhook channel posts a small JSON envelope built from the other fields.
    public var payload: Data?
    /// The delivery id (a UUID string); the same value on every retry of one delivery.
    public var idempotencyKey: String
    /// The recipient's locale, for example `vi` or `en`.
    public var locale: String
    /// Which Watchpost message this is (an `AlertTemplate` raw value such as `incident.new`),
    /// for channels that send provider-approved templates (Zalo ZNS); `nil` for messages that
    /// have none (sign-in codes, reports).
    public var template: String?
    /// The message's facts by name, in the recipient's language, that template channels fill
    /// their parameters from. Default: none.
    public var fields: [MessageField: String] = [:]

    /// Creates a message. `payload`, when given, must be a JSON document.
    public init(
        subject: String,
        body: String,
        payload: Data? = nil,
        idempotencyKey: String,
        locale: String,
        template: String? = nil,
        fields: [MessageField: String] = [:]
    ) {
        self.subject = subject
        self.body = body
        self.payload = payload
        self.idempotencyKey = idempotencyKey
        self.locale = locale
        self.template = template
        self.fields = fields
    }
}
