import Foundation
import WatchpostCore

/// Calls an officer through the telephony provider's call API (Twilio's form; D59): the
/// message's body is the call's TwiML (`VoiceScript`). One send is one call: it is created,
/// then its status is read until it ends or `callLimit` passes.
///
/// - answered (`completed`, or still `in-progress` at the limit): delivered. Pressing 1 during
///   the call acknowledges through the API's key-press route, not here.
/// - `busy`, `no-answer`, `failed`, `canceled`, or still ringing at the limit (then cancelled):
///   `unanswered`, retriable after `retryAfter`, so the dispatcher calls again on that schedule
///   and then fails over to the officer's other channels.
/// - a refused request (4xx): permanent; 429 and 5xx: retriable, as every HTTP channel.
public struct VoiceChannel: DeliveryChannel {
    /// Always `.voice`.
    public let kind = ChannelKind.voice
    /// The settings in force.
    public let configuration: VoiceConfiguration

    /// Creates the channel.
    public init(configuration: VoiceConfiguration) {
        self.configuration = configuration
    }

    /// Places the call and waits for it to end.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        guard let national = PhoneNumber.national(address) else {
            throw DeliveryError(.invalidAddress, channel: .voice, message: "not a Vietnamese phone number")
        }
        let created = try await perform(
            method: "POST",
            url: configuration.apiURL + "/Calls.json",
            form: [
                ("To", "+84" + national.dropFirst()), ("From", configuration.from), ("Twiml", message.body),
                ("Timeout", "\(configuration.ring.components.seconds)"),
            ]
        )
        guard let sid = Self.field("sid", in: created), !sid.isEmpty else {
            throw DeliveryError(.serverError, channel: .voice, message: "the provider's answer names no call")
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: configuration.callLimit)
        var status = Self.field("status", in: created) ?? "queued"
        while !Self.ended(status), clock.now < deadline {
            try await Task.sleep(for: configuration.pollInterval)
            let read = try await perform(method: "GET", url: configuration.apiURL + "/Calls/\(sid).json", form: [])
            status = Self.field("status", in: read) ?? status
        }
        switch status {
        case "completed", "in-progress":
            return DeliveryReceipt(channel: .voice, responseCode: 200, serverMessageID: sid)
        case "queued", "ringing", "initiated":
            // Nobody took it within the limit: end it, so it cannot ring on after this attempt.
            _ = try? await perform(
                method: "POST",
                url: configuration.apiURL + "/Calls/\(sid).json",
                form: [("Status", "canceled")]
            )
            throw unanswered(sid, "still \(status) after \(configuration.callLimit.components.seconds) s")
        default:
            throw unanswered(sid, status)
        }
    }

    private func unanswered(_ sid: String, _ status: String) -> DeliveryError {
        DeliveryError(
            .unanswered,
            channel: .voice,
            message: "call \(sid) was not answered (\(status))",
            retryAfter: configuration.retryAfter
        )
    }

    private static func ended(_ status: String) -> Bool {
        ["completed", "busy", "no-answer", "failed", "canceled"].contains(status)
    }

    /// One request to the provider, Basic-authenticated; the answer's JSON body, or the
    /// classified error. The token never appears in an error.
    private func perform(method: String, url: String, form: [(String, String)]) async throws -> Data {
        let credentials = Data("\(configuration.account):\(configuration.token)".utf8).base64EncodedString()
        var headers = [HTTPHeader("Authorization", "Basic \(credentials)"), HTTPHeader("Accept", "application/json")]
        var body = Data()
        if !form.isEmpty {
            headers.append(HTTPHeader("Content-Type", "application/x-www-form-urlencoded"))
            body = Data(
                form.map { "\(GatewayEscaping.formEncoded($0.0))=\(GatewayEscaping.formEncoded($0.1))" }
                    .joined(separator: "&").utf8
            )
        }
        let secrets = [configuration.token, credentials]
        let response = try await CurlHTTP.perform(
            RenderedRequest(method: method, url: url, headers: headers, body: body),
            timeouts: CurlTimeouts(connect: configuration.requestTimeout, total: configuration.requestTimeout),
            channel: .voice,
            redacting: secrets
        )
        if let error = HTTPStatusClassification.error(
            forStatus: response.status,
            channel: .voice,
            responseSnippet: Redaction.redact(response.snippet, secrets: secrets),
            retryAfter: response.retryAfter
        ) {
            throw error
        }
        return response.body
    }

    private static func field(_ name: String, in body: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?[name] as? String
    }
}
