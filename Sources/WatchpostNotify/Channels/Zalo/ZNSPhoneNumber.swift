import WatchpostCore

/// Vietnamese phone numbers in the form ZNS sends to: `84` and the subscriber number, no `+`.
enum ZNSPhoneNumber {
    /// `+84 912 345 678`, `0912.345.678` and `84912345678` all become `84912345678`.
    ///
    /// - Throws: `.invalidAddress` for anything that is not a Vietnamese number.
    static func normalise(_ address: String) throws(DeliveryError) -> String {
        var digits = address.filter { !" .-()\t".contains($0) }
        if digits.hasPrefix("+") { digits.removeFirst() }
        if digits.hasPrefix("0") { digits = "84" + digits.dropFirst() }
        guard digits.hasPrefix("84"), (11...12).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw DeliveryError(
                .invalidAddress,
                channel: .zalo,
                message: "not a Vietnamese phone number for ZNS: \(address.prefix(40))"
            )
        }
        return digits
    }
}
