import Foundation

/// A plain e-mail address (`local@domain`), checked strictly enough that it can be put in an
/// SMTP envelope and a header without quoting and without any chance of header injection.
struct MailAddress: Sendable, Hashable {
    /// The whole address.
    let value: String
    /// The part after `@`.
    let domain: String

    /// Accepts printable ASCII addresses with one `@`, a non-empty local part and a dotted
    /// domain; rejects whitespace, control characters and `<>()[],;:\"`.
    init?(_ text: String) {
        let value = text.trimmingCharacters(in: .whitespaces)
        let forbidden = Set("<>()[],;:\\\"")
        guard value.count <= 254,
            value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }),
            !value.contains(where: { forbidden.contains($0) })
        else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return nil }
        self.value = value
        domain = String(parts[1])
    }

    /// Splits `"Name <local@domain>"` or a bare address into a display name and an address.
    static func parseMailbox(_ text: String) -> (name: String?, address: MailAddress)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") else {
            return MailAddress(trimmed).map { (nil, $0) }
        }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard let address = MailAddress(String(inner)) else { return nil }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return (name.isEmpty ? nil : name, address)
    }
}
