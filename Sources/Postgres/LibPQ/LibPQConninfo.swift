import CLibPQ

/// Parses connection strings with libpq's own parser, so every keyword libpq knows is accepted.
enum LibPQConninfo {
    /// Returns the keywords that have a value in `conninfo` (a URL or `key=value` string).
    static func parse(_ conninfo: String) throws -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let raw = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                code: .configuration,
                message: "Invalid connection string: \(redactQuoted(raw).trimmingWhitespace())",
                hint: "Use postgresql://user[:password]@host[:port]/database[?param=value] or key=value pairs."
            )
        }
        defer { PQconninfoFree(options) }
        var parameters: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                parameters[String(cString: keyword)] = String(cString: value)
            }
            cursor += 1
        }
        return parameters
    }

    /// Every keyword libpq accepts, so error messages may quote keywords but nothing else.
    static let knownKeywords: Set<String> = {
        guard let defaults = PQconndefaults() else { return [] }
        defer { PQconninfoFree(defaults) }
        var keywords: Set<String> = []
        var cursor = defaults
        while let keyword = cursor.pointee.keyword {
            keywords.insert(String(cString: keyword))
            cursor += 1
        }
        return keywords
    }()

    /// libpq quotes the offending fragment of a connection string in its messages; that fragment
    /// may be a password, so only fragments that are libpq keywords are kept.
    static func redactQuoted(_ message: String) -> String {
        let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in
            let isQuoted = index % 2 == 1 && index < parts.count - 1
            return isQuoted && !knownKeywords.contains(String(part)) ? "<redacted>" : String(part)
        }.joined(separator: "\"")
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines (libpq messages end in "\n").
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
