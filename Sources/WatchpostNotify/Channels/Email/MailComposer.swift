import Foundation

/// Builds the RFC 5322 / MIME bytes of one plain-text e-mail.
///
/// One `text/plain; charset=UTF-8` part, base64 encoded (safe for any UTF-8 and any line
/// length), CRLF line ends throughout; non-ASCII header text as RFC 2047 encoded-words.
/// Built by hand rather than with `curl_mime`: for SMTP, libcurl wraps even a single part in
/// `multipart/mixed`, and composing the bytes here makes them exact and testable.
enum MailComposer {
    static func compose(
        _ message: OutboundMessage,
        fromName: String?,
        from: MailAddress,
        to: MailAddress,
        date: Date
    ) -> Data {
        var headers: [String] = []
        headers.append("Date: \(rfc5322Date(date))")
        if let fromName, !fromName.isEmpty {
            let name = displayName(fromName)
            let lastLine = ("From: " + name).components(separatedBy: "\r\n").last ?? ""
            // Fold before the address rather than let the line pass 76 characters.
            let separator = lastLine.count + from.value.count + 3 > 76 ? "\r\n " : " "
            headers.append("From: \(name)\(separator)<\(from.value)>")
        } else {
            headers.append("From: <\(from.value)>")
        }
        headers.append("To: <\(to.value)>")
        headers.append("Subject: \(EncodedWord.headerValue(message.subject, nameLength: "Subject: ".count))")
        headers.append("Message-ID: \(messageID(for: message.idempotencyKey, domain: from.domain))")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=UTF-8")
        headers.append("Content-Transfer-Encoding: base64")
        let locale = message.locale.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !locale.isEmpty { headers.append("Content-Language: \(locale)") }
        // RFC 3834: tells auto-responders not to answer an automatic alert.
        headers.append("Auto-Submitted: auto-generated")

        let text = message.body.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let body = Data(text.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return Data((headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }

    /// `<idempotency-key@domain>`: the same delivery always gets the same Message-ID, so a
    /// mail client or archive can spot a retried duplicate.
    static func messageID(for idempotencyKey: String, domain: String) -> String {
        let local = idempotencyKey.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
        return "<\(local.isEmpty ? "watchpost" : local)@\(domain)>"
    }

    /// `Tue, 01 Jul 2025 03:04:05 +0000` (RFC 5322 §3.3), always in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// A display name as an atom phrase when that is safe, otherwise as encoded-words.
    private static func displayName(_ name: String) -> String {
        let safe = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
        return safe ? name : EncodedWord.encode(name, firstWordLength: 76 - "From: ".count).joined(separator: "\r\n ")
    }
}
