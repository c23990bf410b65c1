import Foundation

/// How an officer is reached. Raw values are the spelling in `directory.yaml`.
public enum ChannelKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// E-mail to `address`.
    case email
    /// SMS to a Vietnamese phone number.
    case phone
    /// A Zalo message to the account registered on a Vietnamese phone number.
    case zalo
    /// An HTTPS POST to a URL.
    case webhook
}

/// One way to reach an officer: a kind and an address.
public struct Channel: Sendable, Hashable, Codable {
    /// The kind of channel.
    public var kind: ChannelKind
    /// E-mail address, phone number (`0…` or `+84…`), or `https://` URL.
    public var address: String

    /// Creates a channel.
    public init(kind: ChannelKind, address: String) {
        self.kind = kind
        self.address = address
    }

    /// Why `address` is not valid for `kind`, or `nil` when it is.
    public var addressProblem: String? {
        switch kind {
        case .email:
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            let valid =
                parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
                && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
                && !address.contains(where: \.isWhitespace)
            return valid ? nil : "`\(address)` is not an e-mail address"
        case .phone, .zalo:
            let digits = address.hasPrefix("+84") ? "0" + address.dropFirst(3) : address
            let valid =
                digits.hasPrefix("0") && (10...11).contains(digits.count)
                && digits.allSatisfy { $0.isASCII && $0.isNumber }
            return valid ? nil : "`\(address)` is not a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)"
        case .webhook:
            guard let url = URL(string: address), url.scheme == "https", let host = url.host, !host.isEmpty
            else { return "`\(address)` is not an https:// URL" }
            return nil
        }
    }
}
