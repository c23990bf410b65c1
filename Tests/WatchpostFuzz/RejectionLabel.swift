/// Turns a problem message into a label for counting: quoted or backticked names, numbers and
/// long tails are folded, so `unknown key `x` in a unit` and `unknown key `y` in a unit` count
/// together.
enum RejectionLabel {
    static func normalise(_ message: String) -> String {
        var label = ""
        var inQuote: Character?
        for character in message {
            if let quote = inQuote {
                if character == quote { inQuote = nil }
                continue
            }
            if character == "`" || character == "'" || character == "\"" {
                inQuote = character
                label += "…"
            } else if character.isNumber {
                if label.last != "#" { label += "#" }
            } else {
                label.append(character)
            }
        }
        return String(label.prefix(60))
    }
}
