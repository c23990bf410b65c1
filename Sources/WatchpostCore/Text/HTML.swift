/// Escapes text for HTML element content and double-quoted attribute values: the one helper the
/// web pages and the HTML report document share.
public enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    ///
    /// It works per Unicode scalar, never per `Character`: a `"` followed by a combining mark
    /// (U+0301), a zero-width joiner or a variation selector is one Swift `Character` that equals
    /// none of the five, but an HTML parser still reads the bare `"` (issue 26).
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
