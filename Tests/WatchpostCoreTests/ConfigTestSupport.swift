import Testing

@testable import WatchpostCore

/// A broken variant of a valid YAML text. The line carrying `#!` is where the problem must be reported.
struct BrokenConfig: Sendable, CustomTestStringConvertible {
    let name: String
    let replacing: String
    let with: String
    let expectedMessage: String
    /// When the problem belongs to a line other than the replaced text: a substring of that line.
    var markedLine: String? = nil

    var testDescription: String { name }

    func yaml(from base: String) -> String {
        base.replacingOccurrences(of: replacing, with: with)
    }

    func expectedLine(in yaml: String) -> Int {
        let marker = markedLine ?? "#!"
        return (yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) } ?? -1)
            + 1
    }
}

extension BrokenConfig {
    /// Loads the broken text with `load` and checks that a problem names the marked line and the message.
    func check(base: String, file: String, load: (String, String) throws(ConfigError) -> Void) {
        let text = yaml(from: base)
        #expect(text != base, "the replacement did not apply")
        let line = expectedLine(in: text)
        do {
            try load(text, file)
            Issue.record("\(name): loaded without problems")
        } catch {
            let expected = "\(file):\(line): "
            let match = error.problems.contains {
                $0.description.hasPrefix(expected) && $0.message.contains(expectedMessage)
            }
            #expect(match, "expected `\(expected)…\(expectedMessage)…`, got:\n\(error)")
        }
    }
}
