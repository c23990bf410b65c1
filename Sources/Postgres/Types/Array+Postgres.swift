extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element type's array type, e.g. `uuid[]`; use `$1::uuid[]` in SQL where it is ambiguous.
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }

    /// A one-dimensional array literal with every element quoted, e.g. `{"a","b",NULL}`.
    public func postgresText() throws -> String? {
        var text = "{"
        for (index, element) in enumerated() {
            if index > 0 { text += "," }
            guard let elementText = try element.postgresText() else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in elementText.unicodeScalars {
                if character == "\\" || character == "\"" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes a one-dimensional array; NULL elements need an `Optional` element type.
    public static func decode(postgresText text: String, type: PostgresDataType) -> [Element]? {
        guard let items = ArrayText.parse(text) else { return nil }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard
                let value = item.map({ Element.decode(postgresText: $0, type: .unspecified) })
                    ?? Element.postgresNullValue
            else { return nil }
            result.append(value)
        }
        return result
    }
}

/// Parses PostgreSQL's text form of a one-dimensional array.
enum ArrayText {
    /// The elements of `{a,"b c",NULL}` (`nil` for NULL), or `nil` if the text is not such an array.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        // Arrays with a lower bound other than 1 are printed as `[0:2]={...}`.
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") {
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String?] = []
        if scalars.isEmpty { return items }
        var iterator = scalars.makeIterator()
        var current = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        while let scalar = iterator.next() {
            switch scalar {
            case "\\":
                guard let escaped = iterator.next() else { return nil }
                current.append(escaped)
            case "\"":
                quoted.toggle()
                wasQuoted = true
            case "{" where !quoted, "}" where !quoted:
                return nil  // multi-dimensional arrays are not supported
            case "," where !quoted:
                items.append(element(current, wasQuoted: wasQuoted))
                current = String.UnicodeScalarView()
                wasQuoted = false
            default:
                current.append(scalar)
            }
        }
        guard !quoted else { return nil }
        items.append(element(current, wasQuoted: wasQuoted))
        return items
    }

    private static func element(_ scalars: String.UnicodeScalarView, wasQuoted: Bool) -> String? {
        let text = String(scalars)
        return !wasQuoted && text.uppercased() == "NULL" ? nil : text
    }
}
