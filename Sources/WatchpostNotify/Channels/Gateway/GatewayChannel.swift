import Foundation
import WatchpostCore

/// Delivers a message through an HTTP gateway described by a `GatewayTemplate`: SMS
/// providers and Zalo (OA / ZNS) bridges.
///
/// For `.sms` the body is fitted to the segment budget with `SMSText.fit` and the address
/// must be a phone number (`+84912345678`, `0912 345 678`; spaces, dots, dashes and
/// parentheses are removed before `{{to}}` is filled). For `.zalo` the address is the Zalo
/// user id or phone number, used as it is. 2xx is delivered; 408, 429 and 5xx retriable;
/// any other status a permanent rejection. API keys never appear in errors.
public struct GatewayChannel: DeliveryChannel {
    /// `.sms` or `.zalo`.
    public let kind: ChannelKind
    /// The settings in force.
    public let configuration: GatewayConfiguration
    private let environment: [String: String]

    /// Creates the channel. `environment` supplies `{{env:NAME}}` values at send time.
    public init(
        kind: ChannelKind,
        configuration: GatewayConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.kind = kind
        self.configuration = configuration
        self.environment = environment
    }

    /// Sends `message` to `address` through the gateway.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        let (request, secrets) = try render(message, to: address)
        let response = try await CurlHTTP.perform(
            request,
            timeouts: CurlTimeouts(connect: configuration.connectTimeout, total: configuration.timeout),
            channel: kind,
            redacting: secrets
        )
        if let error = HTTPStatusClassification.error(
            forStatus: response.status,
            channel: kind,
            responseSnippet: Redaction.redact(response.snippet, secrets: secrets),
            retryAfter: response.retryAfter
        ) {
            throw error
        }
        return DeliveryReceipt(
            channel: kind,
            responseCode: response.status,
            serverMessageID: configuration.template.messageIDField.flatMap { Self.field($0, in: response.body) }
        )
    }

    /// The exact request `send` makes for `message` to `address`.
    public func request(for message: OutboundMessage, to address: String) throws(DeliveryError) -> RenderedRequest {
        try render(message, to: address).request
    }

    private func render(
        _ message: OutboundMessage,
        to address: String
    ) throws(DeliveryError) -> (request: RenderedRequest, secrets: [String]) {
        var text = message.body
        var extra: [String: String] = [:]
        var recipient = address.trimmingCharacters(in: .whitespaces)
        if kind == .sms {
            recipient = try Self.phoneNumber(address)
            let fitted = SMSText.fit(
                configuration.unaccenting == .always ? SMSText.unaccented(text) : text,
                maxSegments: configuration.maxSegments,
                allowUnaccentedFallback: configuration.unaccenting != .never
            )
            text = fitted.text
            extra = ["encoding": fitted.encoding.rawValue, "segments": String(fitted.segments)]
        } else if recipient.isEmpty
            || recipient.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        {
            throw DeliveryError(
                .invalidAddress,
                channel: kind,
                message: "not a usable \(kind.rawValue) id: \(address.prefix(40))"
            )
        }
        return try configuration.template.renderWithSecrets(
            message,
            to: recipient,
            text: text,
            channel: kind,
            environment: environment,
            extraValues: extra
        )
    }

    /// `+` and 8 to 15 digits once common separators are removed.
    static func phoneNumber(_ address: String) throws(DeliveryError) -> String {
        let compact = address.filter { !" .-()\t".contains($0) }
        let digits = compact.hasPrefix("+") ? compact.dropFirst() : compact[...]
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DeliveryError(.invalidAddress, channel: .sms, message: "not a phone number: \(address.prefix(40))")
        }
        return compact
    }

    /// The value at a dotted path in a JSON document, as text.
    static func field(_ path: String, in body: Data) -> String? {
        guard var node = try? JSONSerialization.jsonObject(with: body) else { return nil }
        for key in path.split(separator: ".") {
            guard let object = node as? [String: Any], let next = object[String(key)] else { return nil }
            node = next
        }
        switch node {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
