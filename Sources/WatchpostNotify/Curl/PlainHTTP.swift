import Foundation
import WatchpostCore

/// One HTTP request for Watchpost's own clients (the CLI calling `watchpost api`), through the
/// same libcurl transfer pool as the channels: no redirects, http and https only.
public enum PlainHTTP {
    /// What the server answered.
    public struct Answer: Sendable {
        /// The HTTP status.
        public var status: Int
        /// The body.
        public var body: Data
    }

    /// Sends `request` and returns the answer, whatever its status; throws when no answer came
    /// within `timeout`. `secrets` (e.g. a bearer token) never appear in an error message.
    public static func send(_ request: RenderedRequest, timeout: Duration, redacting secrets: [String] = [])
        async throws -> Answer
    {
        let response = try await CurlHTTP.perform(
            request,
            timeouts: CurlTimeouts(connect: min(timeout, .seconds(5)), total: timeout),
            channel: .webhook,
            redacting: secrets
        )
        return Answer(status: response.status, body: response.body)
    }
}
