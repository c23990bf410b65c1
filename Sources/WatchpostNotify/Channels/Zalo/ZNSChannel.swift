import Foundation
import WatchpostCore

/// Delivers alerts as Zalo Notification Service (ZNS) template messages to the Zalo account of
/// a Vietnamese phone number, through Zalo's own API.
///
/// The template and its parameters come from `Config/zns.yaml` for the message's alert
/// template; a message without one (sign-in codes, reports) fails with `.configuration`, so the
/// delivery moves on to the recipient's next channel. Each send is
/// `POST /message/template` with header `access_token` and JSON `phone` (`84…`), `template_id`,
/// `template_data` and `tracking_id` (the delivery id); the answer's `data.msg_id` becomes the
/// receipt's `serverMessageID`, which Zalo's delivery event later names. A refused access token
/// (error -124) makes one refresh and one more send.
public struct ZNSChannel: DeliveryChannel {
    /// Always `.zalo`.
    public var kind: ChannelKind { .zalo }
    /// The settings in force.
    public let configuration: ZNSConfiguration
    private let tokens: ZaloAccessTokens

    /// Creates the channel; `store` shares the tokens between workers, `now` is the clock that
    /// dates token expiry.
    public init(
        configuration: ZNSConfiguration,
        store: any ZaloTokenStore,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.tokens = ZaloAccessTokens(configuration: configuration, store: store, now: now)
    }

    /// Sends `message` as its ZNS template to the phone number `address`.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        let body = try requestBody(for: message, to: address)
        var token = try await tokens.accessToken()
        var (answer, status) = try await post(body, token: token)
        if answer.error == ZNSRefusal.accessTokenInvalid {
            token = try await tokens.accessToken(replacing: token)
            (answer, status) = try await post(body, token: token)
        }
        guard answer.error == 0 else {
            throw ZNSRefusal.error(code: answer.error, message: answer.message, status: status)
        }
        return DeliveryReceipt(channel: .zalo, responseCode: status, serverMessageID: answer.messageID)
    }

    /// The JSON body `send` posts for `message` to `address`.
    public func requestBody(for message: OutboundMessage, to address: String) throws(DeliveryError) -> Data {
        guard let name = message.template, let template = configuration.templates.templates[name] else {
            throw DeliveryError(
                .configuration,
                channel: .zalo,
                message: "no ZNS template for \(message.template ?? "this message") in zns.yaml"
            )
        }
        let phone = try ZNSPhoneNumber.normalise(address)
        let data = try ZNSTemplateData.fill(template, fields: message.fields)
        var json = "{\"phone\":\(Self.quoted(phone)),\"template_id\":\(Self.quoted(template.templateID)),"
        json += "\"template_data\":{"
        json += data.map { "\(Self.quoted($0.name)):\(Self.quoted($0.value))" }.joined(separator: ",")
        json += "},\"tracking_id\":\(Self.quoted(message.idempotencyKey))}"
        return Data(json.utf8)
    }

    private func post(_ body: Data, token: String) async throws -> (ZNSAnswer.Send, Int) {
        let request = RenderedRequest(
            method: "POST",
            url: configuration.sendURL,
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("access_token", token)],
            body: body
        )
        let response = try await CurlHTTP.perform(
            request,
            timeouts: CurlTimeouts(connect: configuration.connectTimeout, total: configuration.timeout),
            channel: .zalo,
            redacting: [token]
        )
        if let error = HTTPStatusClassification.error(
            forStatus: response.status,
            channel: .zalo,
            responseSnippet: Redaction.redact(response.snippet, secrets: [token]),
            retryAfter: response.retryAfter
        ) {
            throw error
        }
        guard let answer = ZNSAnswer.send(response.body) else {
            throw DeliveryError(
                .serverError,
                channel: .zalo,
                message:
                    "Zalo answered HTTP \(response.status) without an `error` field: \(response.snippet.prefix(120))",
                responseCode: response.status
            )
        }
        return (answer, response.status)
    }

    /// A JSON string literal.
    private static func quoted(_ text: String) -> String {
        "\"" + GatewayEscaping.jsonStringContent(text) + "\""
    }
}
