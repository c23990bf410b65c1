import CCurl
import Foundation
import WatchpostCore

/// What an HTTP receiver answered.
struct CurlHTTPResponse: Sendable {
    var status: Int
    var body: Data
    var retryAfter: Duration?

    /// The start of the body as text, for error messages.
    var snippet: String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Connect and total time limits for one transfer.
struct CurlTimeouts: Sendable {
    var connect: Duration
    var total: Duration
}

/// Sends one `RenderedRequest` through libcurl on the transfer pool.
enum CurlHTTP {
    /// Performs `request` and returns the receiver's answer, whatever its status.
    ///
    /// Only `http` and `https` are allowed, redirects are not followed (a POST must not be
    /// silently replayed elsewhere), and `secrets` are removed from any error message.
    static func perform(
        _ request: RenderedRequest,
        timeouts: CurlTimeouts,
        channel: ChannelKind,
        redacting secrets: [String] = [],
        pool: CurlTransferPool = .shared
    ) async throws -> CurlHTTPResponse {
        let easy = try CurlEasy(channel: channel)
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(timeouts.connect))
        try easy.set(CURLOPT_TIMEOUT_MS, milliseconds(timeouts.total))
        try easy.set(CURLOPT_USERAGENT, "Watchpost/1")
        // An empty "Expect:" stops curl from waiting for "100 Continue" on larger bodies.
        var headerLines = request.headers.map { "\($0.name): \($0.value)" }
        headerLines.append("Expect:")
        try easy.set(CURLOPT_HTTPHEADER, list: headerLines)
        switch request.method.uppercased() {
        case "GET" where request.body.isEmpty:
            try easy.set(CURLOPT_HTTPGET, 1)
        case "POST":
            try easy.setRequestBody(request.body)
        default:
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method.uppercased())
            if !request.body.isEmpty { try easy.setRequestBody(request.body) }
        }
        let code = try await pool.perform(easy)
        guard code == CURLE_OK else {
            throw CurlFailure.error(code, easy: easy, redacting: secrets)
        }
        return CurlHTTPResponse(status: easy.responseCode, body: easy.response, retryAfter: easy.retryAfter)
    }

    /// A `Duration` in whole milliseconds, at least 1 (0 would mean "no limit" to libcurl).
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
