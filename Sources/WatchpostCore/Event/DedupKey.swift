import Crypto
import Foundation

/// Deduplication keys: reports with the same key attach to the same open incident.
///
/// A producer may send its own `dedup_key`; otherwise the key is the normalised first URL, so two
/// officers who paste the same link with different tracking parameters land on one incident.
public enum DedupKey {
    /// The longest key accepted from a producer or produced by `defaultKey(forFirstURL:)`.
    public static let maximumLength = 512

    /// Query parameters that identify the sharer or the campaign, not the content.
    private static let trackingParameters: Set<String> = ["fbclid", "igshid", "si"]

    /// Normalises a link so that links to the same content compare equal.
    ///
    /// Lowercases scheme and host, drops a default port, the fragment, tracking parameters
    /// (`utm_*`, `fbclid`, `igshid`, `si`), empty query items and trailing slashes, and sorts the
    /// remaining query items. Host prefixes such as `www.` or `m.` are kept: they can name other
    /// hosts. Text that is not an http/https URL is returned trimmed and otherwise unchanged.
    public static func normalise(url: String) -> String {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard case var .success(parsed) = WebURL.parse(trimmed) else { return trimmed }
        parsed.host = parsed.host.lowercased()
        if (parsed.scheme == "http" && parsed.port == "80") || (parsed.scheme == "https" && parsed.port == "443") {
            parsed.port = nil
        }
        while parsed.path.hasSuffix("/") { parsed.path.removeLast() }
        let items = (parsed.query ?? "").split(separator: "&", omittingEmptySubsequences: true).filter { item in
            let name = (item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        var key = parsed.scheme + "://" + parsed.host + (parsed.port.map { ":" + $0 } ?? "") + parsed.path
        if !items.isEmpty { key += "?" + items.map(String.init).sorted().joined(separator: "&") }
        return key
    }

    /// The key used when a report carries none: the normalised URL, or, when that is longer than
    /// `maximumLength`, `sha256:` followed by the hex SHA-256 of it.
    public static func defaultKey(forFirstURL url: String) -> String {
        let normalised = normalise(url: url)
        guard normalised.unicodeScalars.count > maximumLength else { return normalised }
        let digest = SHA256.hash(data: Array(normalised.utf8))
        return "sha256:" + digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
