import Foundation
import WatchpostCore
import WatchpostNotify

/// Sends validated events through `watchpost api` (`POST /v1/events`) with the officer's token,
/// so that monitoring staff never hold the signing key (D18): the API signs for the officer the
/// token names. Set by `WATCHPOST_API_URL` and `WATCHPOST_TOKEN`.
struct APISender: Sendable {
    /// The API's base URL, e.g. `https://watchpost.example.vn`.
    var baseURL: String
    /// The bearer token (`watchpost token issue`).
    var token: String
    /// How long one event may take.
    var timeout: Duration

    /// The sender named by the environment, or nil when `WATCHPOST_API_URL` is unset.
    static func fromEnvironment(timeout: Duration) throws(PublishFailure) -> APISender? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["WATCHPOST_API_URL"], !url.isEmpty else { return nil }
        guard let token = environment["WATCHPOST_TOKEN"], !token.isEmpty else {
            throw .configuration("WATCHPOST_API_URL is set but WATCHPOST_TOKEN is not")
        }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return APISender(baseURL: base, token: token, timeout: timeout)
    }

    /// Sends `events` one after another, in order; stops at the first refusal.
    func send(_ events: [ValidatedEvent]) async throws(PublishFailure) -> [PublishReceipt] {
        var receipts: [PublishReceipt] = []
        let url = baseURL + "/v1/events"
        for validated in events {
            let request = RenderedRequest(
                method: "POST",
                url: url,
                headers: [
                    HTTPHeader("Authorization", "Bearer \(token)"),
                    HTTPHeader("Content-Type", "application/json"),
                    HTTPHeader("Accept", "application/json"),
                ],
                body: Data(validated.bytes)
            )
            let answer: PlainHTTP.Answer
            do {
                answer = try await PlainHTTP.send(request, timeout: timeout, redacting: [token])
            } catch {
                throw .api(url: url, status: nil, message: "no answer: \(error)", sent: receipts)
            }
            guard answer.status == 202 else {
                throw .api(url: url, status: answer.status, message: Self.explain(answer.body), sent: receipts)
            }
            receipts.append(PublishReceipt(event: validated.event, report: nil))
        }
        return receipts
    }

    /// The API's error message and field problems, one per line.
    private static func explain(_ body: Data) -> String {
        struct Problem: Decodable { var field: String; var reason: String }
        struct ErrorBody: Decodable { var message: String; var problems: [Problem]? }
        guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: body) else {
            return String(decoding: body.prefix(300), as: UTF8.self)
        }
        return ([decoded.message] + (decoded.problems ?? []).map { "  \($0.field): \($0.reason)" }).joined(
            separator: "\n"
        )
    }
}
