/// An absolute http/https URL split into the parts Watchpost checks and normalises.
///
/// Parsed by hand rather than with `URLComponents` so that acceptance is the same on every
/// platform and Vietnamese text in a path is accepted as written.
struct WebURL: Sendable, Hashable {
    /// `http` or `https`, lowercased.
    var scheme: String
    /// The host as written (IPv6 literals keep their brackets).
    var host: String
    /// The port digits, if any.
    var port: String?
    /// Everything from the first `/` up to `?` or `#`; may be empty.
    var path: String
    /// The text after `?` up to `#`, if a `?` was present.
    var query: String?
    /// The text after `#`, if any.
    var fragment: String?

    /// Parses `text`, or returns why it is not an acceptable link (phrased to follow "must ...").
    static func parse(_ text: String) -> Result<WebURL, URLRejection> {
        if let bad = text.unicodeScalars.first(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }) {
            return .failure(
                URLRejection(
                    reason:
                        "must not contain whitespace or control characters (found U+\(String(bad.value, radix: 16, uppercase: true)))"
                )
            )
        }
        // Checked per scalar, so a mark after it (`"` + U+0301) hides nothing: these are never
        // in a real link, and a page that shows the link must not meet one (issue 26).
        if let bad = text.unicodeScalars.first(where: { Self.markup.contains($0) }) {
            return .failure(URLRejection(reason: "must not contain quotes, angle brackets, ` or \\ (found \(bad))"))
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .format }) {
            return .failure(
                URLRejection(
                    reason:
                        "must not contain invisible formatting characters (found U+\(String(bad.value, radix: 16, uppercase: true)))"
                )
            )
        }
        guard let separator = text.range(of: "://") else {
            return .failure(
                URLRejection(reason: "must be an absolute http or https URL, e.g. https://www.tiktok.com/@user/video/1")
            )
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(URLRejection(reason: "must use http or https"))
        }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else {
            return .failure(URLRejection(reason: "must not contain a user name or password"))
        }
        var host = Substring(authority)
        var port: String?
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = authority[..<colon]
            let digits = authority[authority.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(digits), number <= 65_535
            else { return .failure(URLRejection(reason: "has an invalid port")) }
            port = String(digits)
        }
        guard isValidHost(host) else {
            return .failure(URLRejection(reason: "must have a valid host name"))
        }
        var remainder = rest[authorityEnd...]
        var fragment: String?
        if let hash = remainder.firstIndex(of: "#") {
            fragment = String(remainder[remainder.index(after: hash)...])
            remainder = remainder[..<hash]
        }
        var query: String?
        if let mark = remainder.firstIndex(of: "?") {
            query = String(remainder[remainder.index(after: mark)...])
            remainder = remainder[..<mark]
        }
        return .success(
            WebURL(
                scheme: scheme,
                host: String(host),
                port: port,
                path: String(remainder),
                query: query,
                fragment: fragment
            )
        )
    }

    /// Characters that end or open HTML attributes and elements, or that browsers read as `/`.
    private static let markup: Set<Unicode.Scalar> = ["\"", "'", "<", ">", "`", "\\"]

    /// Host names: letters (any script, for internationalised names), digits, `-`, `.`, `_`;
    /// or a bracketed IPv6 literal.
    private static func isValidHost(_ host: Substring) -> Bool {
        if host.hasPrefix("[") {
            return host.count > 2 && host.hasSuffix("]")
                && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty && !host.hasPrefix(".") && !host.hasPrefix("-")
            && host.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
    }
}

/// Why a string is not an acceptable link.
struct URLRejection: Error {
    var reason: String
}
