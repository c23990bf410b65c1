import Foundation
import Synchronization

/// A local stand-in for Zalo's ZNS and OAuth servers that implements the documented requests
/// and answers (docs/operations.md, "Zalo ZNS"): `POST /v4/oa/access_token` (header
/// `secret_key`; form `app_id`, `refresh_token`, `grant_type=refresh_token`; answers new
/// `access_token`, `refresh_token` and `expires_in` as text) and `POST /message/template`
/// (header `access_token`; JSON `phone`, `template_id`, `template_data`, `tracking_id`; answers
/// `error`, `message` and `data.msg_id`).
///
/// As Zalo does, each refresh token works once: a reused one is refused, and every refresh
/// issues a new pair. Tests expire access tokens, disable templates and refuse phone numbers.
public final class FakeZalo: Sendable {
    /// The app id it accepts.
    public let appID: String
    /// The secret key it requires on refreshes.
    public let secretKey: String
    /// The code it answers for a template that is disabled or expired. Not in the part of
    /// Zalo's table the docs confirm; any code Watchpost does not list is a permanent refusal.
    public static let disabledTemplateCode = -131

    /// One send as the fake received it.
    public struct Send: Sendable, Hashable {
        /// The `access_token` header.
        public var accessToken: String
        /// `phone`.
        public var phone: String
        /// `template_id`.
        public var templateID: String
        /// `template_data`, as text values.
        public var templateData: [String: String]
        /// `tracking_id`.
        public var trackingID: String
        /// The `msg_id` answered, when accepted.
        public var messageID: String?
    }

    struct State {
        var refreshToken: String
        var validAccessTokens: Set<String> = []
        var refreshCalls = 0
        var refusedRefreshes = 0
        var issued = 0
        var sends: [Send] = []
        var disabledTemplates: Set<String> = []
        var refusedPhones: Set<String> = []
        var serverErrorsToAnswer = 0
        var messages = 0
    }

    final class Box: Sendable {
        let mutex: Mutex<State>
        init(_ state: State) { mutex = Mutex(state) }
        func withLock<Value>(_ body: (inout State) -> Value) -> Value { mutex.withLock { body(&$0) } }
    }

    private let state: Box
    private let server: TestHTTPServer

    /// Starts the fake; `refreshToken` is the one refresh token it will accept first.
    public init(appID: String = "4242424242", secretKey: String = "fake-secret", refreshToken: String) throws {
        self.appID = appID
        self.secretKey = secretKey
        let state = Box(State(refreshToken: refreshToken))
        self.state = state
        server = try TestHTTPServer { [appID, secretKey] request, _ in
            Self.answer(request, state: state, appID: appID, secretKey: secretKey)
        }
    }

    /// The base URL of both the API and OAuth endpoints.
    public var baseURL: String { "http://127.0.0.1:\(server.port)" }
    /// How many refreshes were asked for, refused ones included.
    public var refreshCalls: Int { state.withLock { $0.refreshCalls } }
    /// How many refreshes were refused (a reused or unknown refresh token).
    public var refusedRefreshes: Int { state.withLock { $0.refusedRefreshes } }
    /// Every send received, in order.
    public var sends: [Send] { state.withLock { $0.sends } }

    /// Makes every access token issued so far invalid, as when Zalo expires them early.
    public func expireAccessTokens() { state.withLock { $0.validAccessTokens.removeAll() } }
    /// Refuses sends of `templateID` as disabled or expired.
    public func disableTemplate(_ templateID: String) { state.withLock { _ = $0.disabledTemplates.insert(templateID) } }
    /// Refuses sends to `phone` (`84…`) as an invalid phone number (-108).
    public func refusePhone(_ phone: String) { state.withLock { _ = $0.refusedPhones.insert(phone) } }
    /// Answers the next `count` sends with HTTP 502.
    public func failNextSends(_ count: Int) { state.withLock { $0.serverErrorsToAnswer = count } }

    /// Stops the server.
    public func stop() { server.stop() }

    private static func answer(
        _ request: TestHTTPServer.Request,
        state: Box,
        appID: String,
        secretKey: String
    ) -> TestHTTPServer.Reply {
        let json = ["content-type": "application/json"]
        switch (request.method, request.path) {
        case ("POST", "/v4/oa/access_token"):
            let form = Self.form(request.body)
            let body: String = state.withLock { state in
                state.refreshCalls += 1
                guard request.headers["secret_key"] == secretKey, form["app_id"] == appID,
                    form["grant_type"] == "refresh_token", let token = form["refresh_token"],
                    token == state.refreshToken
                else {
                    state.refusedRefreshes += 1
                    return
                        #"{"error":-14014,"error_name":"Invalid refresh token","error_reason":"refresh token is invalid"}"#
                }
                state.issued += 1
                let access = "access-\(state.issued)"
                state.refreshToken = "refresh-\(state.issued)"
                state.validAccessTokens.insert(access)
                return #"{"access_token":"\#(access)","refresh_token":"\#(state.refreshToken)","expires_in":"90000"}"#
            }
            return .status(200, headers: json, body: body)
        case ("POST", "/message/template"):
            guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
                return .status(400, headers: json, body: #"{"error":-111,"message":"Template data empty"}"#)
            }
            var send = Send(
                accessToken: request.headers["access_token"] ?? "",
                phone: object["phone"] as? String ?? "",
                templateID: object["template_id"] as? String ?? "",
                templateData: (object["template_data"] as? [String: Any] ?? [:]).mapValues { "\($0)" },
                trackingID: object["tracking_id"] as? String ?? ""
            )
            let (status, body): (Int, String) = state.withLock { state in
                defer { state.sends.append(send) }
                if state.serverErrorsToAnswer > 0 {
                    state.serverErrorsToAnswer -= 1
                    return (502, "Bad Gateway")
                }
                guard state.validAccessTokens.contains(send.accessToken) else {
                    return (200, #"{"error":-124,"message":"Access token is invalid"}"#)
                }
                if state.refusedPhones.contains(send.phone) {
                    return (200, #"{"error":-108,"message":"Phone number invalid"}"#)
                }
                if state.disabledTemplates.contains(send.templateID) {
                    return (200, #"{"error":\#(disabledTemplateCode),"message":"Template is disabled"}"#)
                }
                state.messages += 1
                send.messageID = "msg-\(state.messages)"
                return (
                    200,
                    #"{"error":0,"message":"Success","data":{"msg_id":"\#(send.messageID!)","sent_time":"1733400000000"}}"#
                )
            }
            return .status(status, headers: json, body: body)
        default:
            return .status(404, body: "not found")
        }
    }

    private static func form(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
