#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The key the per-address sign-in limits count a client under: an IPv4 address as it is, an
/// IPv6 address by its /64 (`2001:db8:1:2::/64`), since one subscriber or host is given a whole
/// /64 and can pick any address in it. An IPv4-mapped IPv6 address (`::ffff:198.51.100.4`)
/// counts as its IPv4 address. Anything else (no address known) is kept as it is.
enum SignInAddress {
    static func rateLimitKey(_ address: String) -> String {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return address }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return address }
        var bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map { String($0) }.joined(separator: ".")
        }
        for index in 8..<16 { bytes[index] = 0 }
        var prefix = in6_addr()
        withUnsafeMutableBytes(of: &prefix) { $0.copyBytes(from: bytes) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &prefix, &text, socklen_t(text.count)) != nil else { return address }
        return String(cString: text) + "/64"
    }
}
