/// Builds the field paths that problems carry: `data.urls[2]`, `source.id`, `data["odd key"]`.
public enum FieldPath {
    /// The path of member `key` inside the object at `parent` (empty for the top level).
    ///
    /// Keys that are not plain identifiers are quoted, so a hostile key cannot forge another path,
    /// and an empty key still names a field (`[""]`).
    public static func member(_ key: String, of parent: String) -> String {
        let plain =
            !key.isEmpty && key.utf8.count <= 64
            && key.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
            }
        let component = plain ? key : "[\(quoted(key))]"
        if plain { return parent.isEmpty ? component : parent + "." + component }
        return parent + component
    }

    /// The path of element `index` (from 0) of the array at `parent`.
    static func element(_ index: Int, of parent: String) -> String {
        "\(parent)[\(index)]"
    }

    /// A JSON-style quoted rendering of untrusted text for messages, cut to 60 characters.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _
            where scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
