/// Damage to a YAML configuration file: an excerpt of the shipped file (so inputs stay small),
/// then truncation, indentation changes, removed or repeated lines, tags, anchors and alias
/// bombs, huge scalars, and finally a few byte mutations.
public enum YAMLMutator {
    /// The largest input made, in bytes: big enough for the shipped files and a huge scalar.
    public static let maximumSize = 192 * 1024

    /// A damaged excerpt of `seed`; `other` is another seed to splice from.
    public static func mutate(_ seed: [Substring], other: [Substring], _ random: inout FuzzRandom) -> [UInt8] {
        var lines = random.oneIn(200) ? seed : excerpt(seed, &random)
        for _ in 0..<random.smallCount(5) {
            mutateLines(&lines, other: other, &random)
        }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        if random.oneIn(3) {
            bytes = ByteMutator.mutate(
                bytes,
                other: Array(excerpt(other, &random).joined(separator: "\n").utf8),
                maximumSize: maximumSize,
                &random
            )
        }
        return Array(bytes.prefix(maximumSize))
    }

    /// A top-level key line and a run of up to 80 lines of its section: a small file of the same shape.
    static func excerpt(_ seed: [Substring], _ random: inout FuzzRandom) -> [Substring] {
        guard !seed.isEmpty else { return [] }
        let start = random.index(seed.count)
        let end = min(seed.count, start + random.int(1...80))
        let header = seed[..<start].last { line in
            !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#") && !line.hasPrefix("-")
        }
        return (header.map { [$0] } ?? []) + seed[start..<end]
    }

    private static func mutateLines(_ lines: inout [Substring], other: [Substring], _ random: inout FuzzRandom) {
        guard !lines.isEmpty else {
            lines.append(Substring(random.pick(bombs)))
            return
        }
        let index = random.index(lines.count)
        switch random.index(10) {
        case 0: lines.removeLast(random.index(lines.count))
        case 1: lines[index] = Substring(String(repeating: " ", count: random.int(1...3)) + lines[index])
        case 2: lines[index] = lines[index].drop(while: { $0 == " " })
        case 3: lines[index] = Substring("\t" + lines[index])
        case 4: lines.remove(at: index)
        case 5: lines.insert(lines[index], at: index)
        case 6: lines[index] = Substring(replacingValue(lines[index], &random))
        case 7: lines.insert(Substring(random.pick(bombs)), at: random.oneIn(2) ? 0 : index)
        case 8 where !other.isEmpty: lines.insert(contentsOf: excerpt(other, &random), at: index)
        default: lines.swapAt(index, random.index(lines.count))
        }
    }

    /// The line with its value (after the first `: ` or `- `) replaced by something hostile.
    private static func replacingValue(_ line: Substring, _ random: inout FuzzRandom) -> String {
        let head: Substring
        if let colon = line.range(of: ": ") {
            head = line[..<colon.upperBound]
        } else if let dash = line.range(of: "- ") {
            head = line[..<dash.upperBound]
        } else {
            head = line + ": "
        }
        return String(head) + random.pick(values)
            + (random.oneIn(4) ? String(repeating: "x", count: random.int(1_000...150_000)) : "")
    }

    /// Values with tags, anchors, aliases, odd scalars and flow collections.
    private static let values: [String] = [
        "!!binary aGVsbG8=", "!!int 12", "!!float .inf", "!!bool yes", "!!null ''", "!custom value",
        "!!python/object:os.system",
        "!<tag:yaml.org,2002:str> text", "&anchor value", "*anchor", "*undefined", "~", "null", "''", "\"\"", "yes",
        "NO",
        "0x1F", "0o17", "1e999", "-.inf", ".nan", "2026-13-45", "[a, b, [c, [d]]]", "{a: 1, b: {c: 2}}", "{", "[", "|",
        ">-", "? complex", "'unterminated", "\"\\ud800\"", "\"\\x00\"", "\u{0}", "- nested", "a: b: c", "<<: *anchor",
        "'; DROP TABLE units; --", "<script>alert(1)</script>", "ｅｍａｉｌ", "thcs-binh-son\u{0301}",
    ]

    /// Ten levels of ten aliases each: 10^10 strings once expanded (billion laughs).
    private static let laughs =
        "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + (1...9).map {
            "lol\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]"
        }
        .joined(separator: "\n")

    /// Documents that multiply on expansion (billion laughs, also as keys) or nest deeply.
    static let bombs: [String] = [
        laughs + "\nunits: *a9\nrules: *a9",
        laughs + "\nkeys: {*a9: 1, *a8: 2}\n? *a9\n: 3",
        "units: &u\n  - &x [*x]",
        "base: &b {id: x, kind: school, name: y}\nunits: [*b, *b, *b, *b, *b, *b, *b, *b]",
        "merge: &m {a: 1}\nother:\n  <<: *m\n  <<: *m",
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000),
        (0..<400).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n") + "x",
        "%YAML 1.1\n---\n!!map {? a : b}\n...\n---\nsecond: document",
        "%TAG ! tag:example.com,2000:\n--- !shape\n- !circle {}",
    ]
}
