#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reverse proxies whose `X-Forwarded-For` is believed (`WATCHPOST_TRUSTED_PROXIES`): a
/// comma-separated list of addresses or CIDR ranges (`127.0.0.1`, `172.16.0.0/12`, `::1`).
///
/// Behind a proxy every request comes from the proxy's address, so per-address limits (sign-in)
/// would throttle the whole district at once; the client is then the right-most address in
/// `X-Forwarded-For` that is not a trusted proxy. From an untrusted peer the header is ignored,
/// so a client cannot choose its own address. Default: none trusted.
public struct TrustedProxies: Sendable, Equatable {
    private var ranges: [Range] = []

    private struct Range: Sendable, Equatable {
        var network: [UInt8]
        var prefixLength: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefixLength
            for (byte, networkByte) in zip(address, network) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if byte & mask != networkByte & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    /// A setting naming something that is not an address or a range.
    public struct Invalid: Error, CustomStringConvertible {
        /// The entry.
        public let entry: String
        /// The text for logs and messages.
        public var description: String {
            "WATCHPOST_TRUSTED_PROXIES: `\(entry)` is not an IP address or CIDR range (e.g. 10.0.0.5, 172.16.0.0/12, ::1)"
        }
    }

    /// Trusts nobody.
    public init() {}

    /// Parses `10.0.0.5, 172.16.0.0/12, ::1`; an empty text trusts nobody.
    public init(parsing text: String) throws(Invalid) {
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let address = Self.bytes(String(parts[0])) else { throw Invalid(entry: entry) }
            let length = parts.count == 2 ? Int(parts[1]) : address.count * 8
            guard let length, (0...(address.count * 8)).contains(length) else { throw Invalid(entry: entry) }
            ranges.append(Range(network: address, prefixLength: length))
        }
    }

    /// Whether any proxy is trusted.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `address` is a trusted proxy.
    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client behind `peer`: walks `forwardedFor` (the header's addresses, left to right)
    /// from the right while the hop is a trusted proxy.
    public func client(peer: String, forwardedFor: [String]) -> String {
        var current = peer
        var hops = forwardedFor[...]
        while contains(current), let previous = hops.popLast() {
            guard Self.bytes(previous) != nil else { return current }
            current = previous
        }
        return current
    }

    /// The addresses of an `X-Forwarded-For` header value.
    public static func addresses(inForwardedFor value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address in text.
    private static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
