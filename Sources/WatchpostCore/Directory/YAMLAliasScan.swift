/// Finds YAML aliases (`*name`) in configuration text before it is composed.
///
/// Yams composes an alias as a copy of its anchored node and hashes every mapping key to find
/// duplicates, so a key that aliases a "billion laughs" tree (ten levels of ten aliases) takes
/// 10^10 steps and never returns. Watchpost's files need no aliases, so the loaders refuse them
/// instead. The scan follows YAML's rules closely enough for that: an alias starts a node (at the
/// start of a line, after `- `, `: `, `? `, or after `[`, `{` or `,` inside a flow collection);
/// quoted text, comments and block scalars (`|`, `>`) are skipped.
enum YAMLAliasScan {
    /// The 1-based line of the first alias in `text`, or nil when there is none.
    static func firstAliasLine(in text: String) -> Int? {
        var blockScalarIndent: Int?
        // Every YAML line break ends a line, a lone CR and NEL, LS, PS included (libyaml's count).
        let breaks: Set<Character> = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: breaks.contains)
        for (offset, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " }.count
            if let parent = blockScalarIndent {
                if indent > parent || line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
                blockScalarIndent = nil
            }
            switch scan(line) {
            case .alias: return offset + 1
            case .opensBlockScalar: blockScalarIndent = indent
            case .other: break
            }
        }
        return nil
    }

    private enum LineKind { case alias, opensBlockScalar, other }

    private static func scan(_ line: Substring) -> LineKind {
        var quote: Character?
        var escaped = false
        var flowDepth = 0
        // Whether the next non-blank character starts a node, and whether the last one was an
        // indicator (`-`, `?`, `:`) or node property (`&anchor`, `!tag`) that starts a node once a
        // blank follows it.
        var startsNode = true
        var indicator = false
        var inProperty = false
        var afterBlank = true
        for character in line {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if open == "\"" && character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            if character == " " || character == "\t" {
                afterBlank = true
                if indicator || inProperty { startsNode = true }
                indicator = false
                inProperty = false
                continue
            }
            if inProperty { continue }
            let atStart = startsNode
            startsNode = false
            indicator = false
            switch character {
            case "#" where afterBlank: return .other
            case "*" where atStart: return .alias
            case "|", ">": if atStart { return .opensBlockScalar }
            case "\"", "'": if atStart { quote = character }
            case "-", "?": indicator = atStart
            case "&", "!": inProperty = atStart
            case ":": indicator = true
            case "[", "{":
                if atStart {
                    flowDepth += 1
                    startsNode = true
                }
            case ",": startsNode = flowDepth > 0
            case "]", "}": flowDepth = max(0, flowDepth - 1)
            default: break
            }
            afterBlank = false
        }
        return .other
    }
}
