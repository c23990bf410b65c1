import Foundation
import WatchpostCore

/// Parses the query of an acknowledge link strictly: each of the four parameters exactly once,
/// nothing that could be read two ways.
enum AckQuery {
    struct Fields {
        var incident: UUID
        var officer: OfficerID
        var expiry: Int64
        var signature: [UInt8]
    }

    /// Characters left as they are in the `officer` parameter (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    static func parse(_ link: String) -> Result<Fields, AcknowledgeLinkError> {
        var query = Substring(link.trimmingCharacters(in: .whitespacesAndNewlines))
        if let mark = query.firstIndex(of: "?") { query = query[query.index(after: mark)...] }
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = parts[0].removingPercentEncoding,
                let value = parts[1].removingPercentEncoding
            else { return malformed("`\(pair.prefix(40))` is not a name=value pair") }
            guard ["incident", "officer", "exp", "sig"].contains(name) else { continue }
            // A repeated parameter could be read differently by a proxy and by us: refuse it.
            guard values.updateValue(value, forKey: name) == nil else {
                return malformed("parameter `\(name)` appears more than once")
            }
        }
        guard let incidentText = values["incident"], let incident = UUID(uuidString: incidentText) else {
            return malformed("parameter `incident` is missing or not a UUID")
        }
        guard let officer = values["officer"], !officer.isEmpty,
            !officer.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return malformed("parameter `officer` is missing or holds control characters") }
        guard let expText = values["exp"], (1...12).contains(expText.count),
            expText.allSatisfy({ $0.isASCII && $0.isNumber }), let expiry = Int64(expText)
        else { return malformed("parameter `exp` is missing or not a number of seconds") }
        guard let sigText = values["sig"], let signature = Base64URL.decode(sigText), signature.count == 32 else {
            return malformed("parameter `sig` is missing or not a base64url HMAC-SHA256")
        }
        return .success(Fields(incident: incident, officer: officer, expiry: expiry, signature: signature))
    }

    private static func malformed(_ message: String) -> Result<Fields, AcknowledgeLinkError> {
        .failure(AcknowledgeLinkError(.malformed, message))
    }
}
