import Foundation

/// The ways Watchpost can reach a person or a system: the kind of an officer's channel in the
/// directory and of the channel a delivery is sent by. The raw values are the names used in
/// configuration files and in the `deliveries` table.
public enum ChannelKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// An HTTP POST of a signed JSON document to a receiver's URL.
    case webhook
    /// An e-mail, sent through an SMTP relay.
    case email
    /// A text message to a Vietnamese phone number, sent through the SMS gateway. The directory
    /// writes it `phone` (`directorySpellings`).
    case sms
    /// A Zalo message to the account registered on a Vietnamese phone number.
    case zalo
    /// A readable block written to standard output: development and scripts only, never an
    /// officer's channel in the directory.
    case console
    /// A telephone call to a Vietnamese phone number that speaks the alert and takes a key press
    /// to acknowledge. Never written in the directory: the policy asks for a call
    /// (`EscalationLevel.call`, `ObligationSpec.call`), and the number is the officer's SMS or
    /// Zalo number.
    case voice

    /// How directory.yaml names the kinds an officer may have: `phone` is the SMS channel.
    public static let directorySpellings: [String: ChannelKind] = [
        "email": .email, "phone": .sms, "sms": .sms, "zalo": .zalo, "webhook": .webhook,
    ]

    /// Decodes the raw value, and `phone`, which deliveries and directory snapshots stored
    /// before the SMS channel had one name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kind = ChannelKind(rawValue: text == "phone" ? "sms" : text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown channel kind `\(text)`")
            )
        }
        self = kind
    }
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
        case .sms, .zalo:
            let digits = address.hasPrefix("+84") ? "0" + address.dropFirst(3) : address
            let valid =
                digits.hasPrefix("0") && (10...11).contains(digits.count)
                && digits.allSatisfy { $0.isASCII && $0.isNumber }
            return valid ? nil : "`\(address)` is not a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)"
        case .console:
            return "`console` is for development only, not an officer's channel"
        case .voice:
            return Channel(kind: .sms, address: address).addressProblem
        case .webhook:
            guard let url = URL(string: address), url.scheme == "https", let host = url.host, !host.isEmpty
            else { return "`\(address)` is not an https:// URL" }
            return nil
        }
    }
}

extension Officer {
    /// The number a call reaches: the first SMS or Zalo number of the officer's channels, as
    /// `voice` channels to put first when the policy asks for a call; empty when they have none.
    public var voiceChannels: [Channel] {
        channels.first { $0.kind == .sms || $0.kind == .zalo }.map { [Channel(kind: .voice, address: $0.address)] }
            ?? []
    }
}
