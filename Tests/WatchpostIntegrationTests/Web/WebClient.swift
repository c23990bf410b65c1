import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A cookie-keeping HTTP client that behaves like a browser without script: it sends forms
/// with the site's `Origin`, keeps the `wp_session` cookie, and never follows a redirect, so a
/// test sees every 303 and its `Location`.
final class WebClient: Sendable {
    /// One answer.
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String

        /// `Location`, for a redirect.
        var location: String? { headers["location"] }

        /// The value of the first hidden `csrf` field of the page.
        var csrfToken: String? { WebHTML.inputValue(named: "csrf", in: body) }
    }

    let baseURL: String
    private let session: URLSession
    private let cookies = CookieJar()

    init(baseURL: String) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 120
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// GET `path`.
    func get(_ path: String) async throws -> Answer {
        let request = URLRequest(url: try url(path))
        return try await send(request)
    }

    /// POST `fields` as a form to `path`.
    func post(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        var request = URLRequest(url: try url(path))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue(baseURL, forHTTPHeaderField: "Origin")
        request.httpBody = Data(WebHTML.formEncoded(fields).utf8)
        return try await send(request)
    }

    private func url(_ path: String) throws -> URL {
        guard let url = URL(string: baseURL + path) else { throw URLError(.badURL) }
        return url
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        var request = request
        if let cookie = cookies.header { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        request.setValue("vi", forHTTPHeaderField: "Accept-Language")
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            guard let name = name as? String, let value = value as? String else { continue }
            headers[name.lowercased()] = value
            if name.lowercased() == "set-cookie" { cookies.take(value) }
        }
        return Answer(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        // @unchecked: no state at all.
        func urlSession(
            _ session: URLSession,
            task: URLSessionTask,
            willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest,
            completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// The cookies a server set, by name; a `Max-Age=0` cookie is dropped.
    private final class CookieJar: Sendable {
        private let values = Mutex<[String: String]>([:])

        var header: String? {
            values.withLock { values in
                values.isEmpty
                    ? nil : values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            }
        }

        func take(_ header: String) {
            // Several cookies may arrive folded into one header, separated by ", " before a name=.
            for cookie in header.components(separatedBy: ", ") {
                let parts = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                let value = String(pair[pair.index(after: equals)...])
                let expired = parts.contains { $0.lowercased() == "max-age=0" } || value.isEmpty
                values.withLock { values in values[name] = expired ? nil : value }
            }
        }
    }
}

/// Reading the pages' HTML in tests, without a parser: the pages are plain, predictable markup.
enum WebHTML {
    /// The `value` of the first `<input name="NAME" … value="…">`.
    static func inputValue(named name: String, in html: String) -> String? {
        guard let start = html.range(of: "name=\"\(name)\"") else { return nil }
        let tail = html[start.upperBound...]
        guard let end = tail.firstIndex(of: ">"), let value = tail[..<end].range(of: "value=\"") else { return nil }
        let rest = tail[value.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return unescape(String(rest[..<close]))
    }

    /// `a=1&b=x+y`, percent-encoding everything but unreserved characters.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
            return encode(name) + "=" + encode(value)
        }.joined(separator: "&")
    }

    /// The text of a page with its tags removed and entities decoded, for `contains` checks.
    static func text(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        return unescape(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
