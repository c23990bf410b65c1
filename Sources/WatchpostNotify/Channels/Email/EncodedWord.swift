import Foundation

/// RFC 2047 encoded-words, for non-ASCII text in mail headers (`Subject`, display names).
enum EncodedWord {
    /// The longest encoded-word RFC 2047 allows, `=?UTF-8?B?` and `?=` included.
    static let maximumWordLength = 75
    private static let wrapperLength = "=?UTF-8?B??=".count

    /// `text` as one or more `=?UTF-8?B?…?=` words of at most 75 characters each.
    ///
    /// Words are cut between grapheme clusters (or, for a cluster too long for one word,
    /// between Unicode scalars), never inside a UTF-8 sequence, because each word must decode
    /// to whole characters on its own. `firstWordLength` lets the first word leave room for
    /// the header name on its line (RFC 2047 limits such lines to 76 characters).
    static func encode(_ text: String, firstWordLength: Int = maximumWordLength) -> [String] {
        // 4 base64 characters carry 3 bytes; keep the payload a multiple of 4.
        func bytes(forWordLength length: Int) -> Int { max(3, (length - wrapperLength) / 4 * 3) }
        var maximumBytes = bytes(forWordLength: min(firstWordLength, maximumWordLength))
        var words: [String] = []
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(pending).base64EncodedString() + "?=")
            pending.removeAll()
            maximumBytes = bytes(forWordLength: maximumWordLength)
        }
        for character in text {
            let characterBytes = Array(String(character).utf8)
            if pending.count + characterBytes.count > maximumBytes { flush() }
            if characterBytes.count <= maximumBytes {
                pending += characterBytes
                continue
            }
            for scalar in character.unicodeScalars {
                let scalarBytes = Array(String(scalar).utf8)
                if pending.count + scalarBytes.count > maximumBytes { flush() }
                pending += scalarBytes
            }
        }
        flush()
        return words
    }

    /// A header value: `text` unchanged when it is printable ASCII, otherwise encoded-words
    /// folded onto continuation lines (`CRLF` + space) so no line exceeds 76 characters.
    /// `nameLength` is the length of `"Name: "` before the value on the first line.
    static func headerValue(_ text: String, nameLength: Int) -> String {
        let singleLine = text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        if singleLine.utf8.allSatisfy({ (0x20...0x7E).contains($0) }), !singleLine.contains("=?") {
            return singleLine
        }
        return encode(singleLine, firstWordLength: 76 - nameLength).joined(separator: "\r\n ")
    }
}
