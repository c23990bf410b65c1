import Foundation
import WatchpostCore

/// Delivers a message as a signed JSON `POST` to the receiver's URL (the address).
///
/// Request: `Content-Type: application/json; charset=utf-8`, `Idempotency-Key: <delivery id>`
/// and the `WebhookSignature` headers; the body is the message's `payload`, or when it has
/// none a JSON object with `idempotency_key`, `locale`, `subject` and `text`.
/// Answer: 2xx delivered; 408, 429 and 5xx retriable; any other status a permanent rejection.
public struct WebhookChannel: DeliveryChannel {
    /// Always `.webhook`.
    public var kind: ChannelKind { .webhook }
    /// The settings in force.
    public let configuration: WebhookConfiguration

    /// Creates the channel.
    public init(configuration: WebhookConfiguration) {
        self.configuration = configuration
    }

    /// Posts `message` to the URL `address`.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        let timestamp = Int64(Date().timeIntervalSince1970)
        let request = try request(for: message, to: address, timestamp: timestamp)
        let response = try await CurlHTTP.perform(
            request,
            timeouts: CurlTimeouts(connect: configuration.connectTimeout, total: configuration.timeout),
            channel: .webhook
        )
        if let error = HTTPStatusClassification.error(
            forStatus: response.status,
            channel: .webhook,
            responseSnippet: response.snippet,
            retryAfter: response.retryAfter
        ) {
            throw error
        }
        return DeliveryReceipt(channel: .webhook, responseCode: response.status)
    }

    /// The exact request `send` makes for `message` signed at `timestamp` (Unix seconds).
    public func request(
        for message: OutboundMessage,
        to address: String,
        timestamp: Int64
    ) throws(DeliveryError) -> RenderedRequest {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            throw DeliveryError(
                .invalidAddress,
                channel: .webhook,
                message: "not an http(s) URL: \(address.prefix(80))"
            )
        }
        guard !message.idempotencyKey.isEmpty,
            !message.idempotencyKey.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw DeliveryError(
                .configuration,
                channel: .webhook,
                message: "the idempotency key is empty or holds control characters"
            )
        }
        guard !configuration.secret.isEmpty else {
            throw DeliveryError(.configuration, channel: .webhook, message: "WATCHPOST_WEBHOOK_SECRET is empty")
        }
        let body: Data
        if let payload = message.payload { body = payload } else { body = try defaultBody(message) }
        return RenderedRequest(
            method: "POST",
            url: address,
            headers: [
                HTTPHeader("Content-Type", "application/json; charset=utf-8"),
                HTTPHeader("Idempotency-Key", message.idempotencyKey),
                HTTPHeader(WebhookSignature.timestampHeader, String(timestamp)),
                HTTPHeader(
                    WebhookSignature.signatureHeader,
                    WebhookSignature.sign(body: body, timestamp: timestamp, secret: configuration.secret)
                ),
            ],
            body: body
        )
    }

    private struct Envelope: Encodable {
        var idempotency_key: String
        var locale: String
        var subject: String
        var text: String
    }

    private func defaultBody(_ message: OutboundMessage) throws(DeliveryError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(
                Envelope(
                    idempotency_key: message.idempotencyKey,
                    locale: message.locale,
                    subject: message.subject,
                    text: message.body
                )
            )
        } catch {
            throw DeliveryError(.configuration, channel: .webhook, message: "could not encode the message: \(error)")
        }
    }
}
