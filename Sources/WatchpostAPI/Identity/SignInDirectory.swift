import Foundation
import WatchpostCore
import WatchpostPresentation

/// Finds the officer a person names on the sign-in form: by officer id, or by one of their
/// channel addresses in the directory (an e-mail address in any case, a phone number as
/// `0…` or `+84…`).
enum SignInDirectory {
    /// The officer `typed` names, or `nil`.
    static func officer(named typed: String, in directory: Directory) -> Officer? {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let officer = directory.officer(text) { return officer }
        let wanted = normalized(text)
        return directory.officers.first { officer in
            officer.channels.contains { $0.kind != .webhook && normalized($0.address) == wanted }
        }
    }

    /// The key a sign-in is handled under (its live code, its wrong codes and their back-off):
    /// the officer's id, or `typed:` and the text typed when it names nobody, which gets a decoy
    /// challenge, so that neither a limit nor the work done tells whether someone exists.
    static func rateLimitKey(_ typed: String, officer: Officer?) -> String {
        officer?.id ?? "typed:" + normalized(typed)
    }

    /// Lower-cased, without spaces, dots or dashes in phone numbers, `+84` as `0`.
    private static func normalized(_ text: String) -> String {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !lowered.contains("@") else { return lowered }
        let compact = lowered.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        return compact.hasPrefix("+84") ? "0" + compact.dropFirst(3) : compact
    }
}
