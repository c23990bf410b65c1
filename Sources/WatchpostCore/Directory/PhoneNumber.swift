/// Vietnamese phone numbers in the one form the directory and the SMS gateways can be compared
/// in: the national form, `0` and 9 or 10 digits.
///
/// `+84 912 345 678`, `84912345678` and `0912-345-678` are all `0912345678`.
public enum PhoneNumber {
    /// The national form of `text`, or `nil` when it is not a Vietnamese number.
    public static func national(_ text: String) -> String? {
        let compact = String(text.filter { !" .-()\t".contains($0) })
        var digits: Substring
        if compact.hasPrefix("+84") {
            digits = "0" + compact.dropFirst(3)
        } else if compact.hasPrefix("84"), (11...12).contains(compact.count) {
            digits = "0" + compact.dropFirst(2)
        } else {
            digits = compact[...]
        }
        if digits.hasPrefix("00") { digits = digits.dropFirst() }
        guard digits.hasPrefix("0"), (10...11).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return String(digits)
    }
}

extension Directory {
    /// The officers who can be reached by text on `phone` (an SMS or Zalo channel of that
    /// number, in any form `PhoneNumber.national` reads), in file order. A school's shared
    /// phone may belong to several.
    public func officers(withPhone phone: String) -> [Officer] {
        guard let wanted = PhoneNumber.national(phone) else { return [] }
        return officers.filter { officer in
            officer.channels.contains { channel in
                (channel.kind == .sms || channel.kind == .zalo) && PhoneNumber.national(channel.address) == wanted
            }
        }
    }
}
