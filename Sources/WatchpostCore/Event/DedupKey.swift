import Crypto
import Foundation

/// Deduplication keys: reports with the same key attach to the same open incident.
///
/// A producer may send its own `dedup_key`; otherwise the key is the platform's own identity of
/// the content when the first URL carries it (`tiktok:video:7301234567890123456`), or else the
/// normalised first URL, so two officers who paste the same content with different links land
/// on one incident. The platform rules are the tables in `PlatformLinks`. Every path that makes
/// a default key (the event decoder used by the workers, the API and `watchpost publish`, and
/// the web report form) calls `defaultKey(forFirstURL:)`.
public enum DedupKey {
    /// The longest key accepted from a producer or produced by `defaultKey(forFirstURL:)`.
    public static let maximumLength = 512

    /// Query parameters that identify the sharer or the campaign, not the content, on every host.
    /// `zarsrc` and `gidzl` are appended by Zalo's in-app browser to whatever link it opens.
    static let trackingParameters: ParameterList = ["utm_*", "fbclid", "gidzl", "igshid", "si", "zarsrc"]

    /// Normalises a link so that links to the same content compare equal.
    ///
    /// Lowercases scheme and host, drops a default port, the fragment, tracking parameters
    /// (`utm_*`, `fbclid`, `gidzl`, `igshid`, `si`, `zarsrc`, and on a known platform's hosts that
    /// platform's own list), empty query items and trailing slashes, and sorts the remaining query
    /// items. A known platform's hosts use `https` and one host name (`m.tiktok.com` →
    /// `www.tiktok.com`); other hosts keep `www.` or `m.`, which can name other hosts. Text that is
    /// not an http/https URL is returned trimmed and otherwise unchanged.
    public static func normalise(url: String) -> String {
        guard let parsed = parse(url) else { return url.trimmingCharacters(in: .whitespacesAndNewlines) }
        return normalise(parsed, on: PlatformLinks.serving(host: parsed.host))
    }

    /// The key used when a report carries none: the content's platform key if the link carries
    /// one, else the normalised URL; when that is longer than `maximumLength`, `sha256:` followed
    /// by the hex SHA-256 of it.
    public static func defaultKey(forFirstURL url: String) -> String {
        let key: String
        if let parsed = parse(url) {
            let links = PlatformLinks.serving(host: parsed.host)
            key = links?.contentKey(of: parsed) ?? normalise(parsed, on: links)
        } else {
            key = url.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard key.unicodeScalars.count > maximumLength else { return key }
        let digest = SHA256.hash(data: Array(key.utf8))
        return "sha256:" + digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// `url` trimmed and parsed, with its host lowercased; nil when it is not an http/https URL.
    private static func parse(_ url: String) -> WebURL? {
        guard case var .success(parsed) = WebURL.parse(url.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        parsed.host = parsed.host.lowercased()
        return parsed
    }

    private static func normalise(_ url: WebURL, on links: PlatformLinks?) -> String {
        var parsed = url
        if (parsed.scheme == "http" && parsed.port == "80") || (parsed.scheme == "https" && parsed.port == "443") {
            parsed.port = nil
        }
        if let links {
            parsed.scheme = "https"
            parsed.host = links.hosts[parsed.host] ?? parsed.host
        }
        while parsed.path.hasSuffix("/") { parsed.path.removeLast() }
        let items = QueryItem.items(of: parsed.query).filter { item in
            !trackingParameters.contains(item.name) && !(links?.trackingParameters.contains(item.name) ?? false)
        }
        var key = parsed.scheme + "://" + parsed.host + (parsed.port.map { ":" + $0 } ?? "") + parsed.path
        if !items.isEmpty { key += "?" + items.map { String($0.text) }.sorted().joined(separator: "&") }
        return key
    }
}
