import Testing

@testable import WatchpostCore

/// The loaders refuse YAML aliases before composing, since one used as a key makes Yams hash an
/// exponentially large tree (found by the fuzzer; `Tests/Fuzz/corpus/directory/`).
@Suite("YAML alias scan")
struct YAMLAliasScanTests {
    @Test(
        "an alias is found where it starts a node",
        arguments: [
            ("units: *a9", 1), ("x: 1\n? *a9\n: 3", 2), ("keys: {*a9: 1}", 1), ("- [a, *b]", 1), ("  - *u", 1),
            ("other:\n  <<: *m", 2), ("- - *a", 1), ("a: [x,\n  *y]", 2), ("a: &x [*y]", 1), ("a: 1\r*b", 2),
            ("b: !!seq [*y]", 1),
        ]
    )
    func aliasIsFound(text: String, line: Int) {
        #expect(YAMLAliasScan.firstAliasLine(in: text) == line)
    }

    @Test(
        "text that only looks like an alias is not one",
        arguments: [
            "name: a *b", "note: \"*quoted*\"", "note: '*x*'", "x: 1 # *comment", "name: a - *b", "url: https://x/*",
            "summary: |\n  *kept as text*\n  - *also*\nnext: 1", "key:*a", "name: a, *b", "&anchor value: 1",
        ]
    )
    func lookalikeIsNotAnAlias(text: String) {
        #expect(YAMLAliasScan.firstAliasLine(in: text) == nil)
    }

    @Test("a billion-laughs key is refused quickly with the line of its first alias")
    func billionLaughsIsRefused() {
        let laughs =
            "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + (1...9).map {
                "lol\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]"
            }
            .joined(separator: "\n") + "\n? *a9\n: 3"
        #expect(throws: ConfigError.self) { try Directory.load(yaml: laughs, file: "directory.yaml") }
        do {
            _ = try Directory.load(yaml: laughs, file: "directory.yaml")
        } catch {
            #expect(error.problems.map(\.line) == [2])
        }
    }
}
