/// Damage at the structure level: a value of another type, a huge or odd number, a long or
/// hostile string, a duplicate or unknown key, a missing member, or nesting far deeper than
/// any envelope. The result is usually still JSON, so it reaches the decoder's field rules.
public enum JSONMutator {
    /// Applies one to a few structural mutations to `tree`.
    public static func mutate(_ tree: FuzzJSON, _ random: inout FuzzRandom) -> FuzzJSON {
        var tree = tree
        for _ in 0..<random.smallCount(4) {
            let paths = tree.paths()
            let path = random.pick(paths)
            tree = tree.replacing(at: path[...]) { mutateNode($0, &random) }
        }
        return tree
    }

    private static func mutateNode(_ node: FuzzJSON, _ random: inout FuzzRandom) -> FuzzJSON {
        if case .object(var members) = node, !members.isEmpty, random.oneIn(2) {
            let index = random.index(members.count)
            switch random.index(5) {
            case 0: members.append(FuzzJSON.Member(members[index].key, hostileValue(&random)))
            case 1: members.remove(at: index)
            case 2: members.append(FuzzJSON.Member(hostileKey(&random), hostileValue(&random)))
            case 3: members[index].key = random.pick(HostileText.confusables + [members[index].key.uppercased()])
            default: members.swapAt(index, random.index(members.count))
            }
            return .object(members)
        }
        if case .array(var items) = node, random.oneIn(2) {
            switch random.index(3) {
            case 0: items = Array(repeating: items.first ?? .null, count: random.int(0...40))
            case 1: items.append(hostileValue(&random))
            default: items.removeAll()
            }
            return .array(items)
        }
        if case .string(let text) = node, random.oneIn(2) {
            return .string(mutateText(text, &random))
        }
        return random.oneIn(8) ? nest(node, depth: nestingDepth(&random), &random) : hostileValue(&random)
    }

    /// Deep nesting: usually just past the decoder's limit of 16, sometimes thousands of levels.
    private static func nestingDepth(_ random: inout FuzzRandom) -> Int {
        random.oneIn(4) ? random.int(1_000...20_000) : random.int(2...40)
    }

    /// `node` inside `depth` arrays or objects, written flat as raw text.
    private static func nest(_ node: FuzzJSON, depth: Int, _ random: inout FuzzRandom) -> FuzzJSON {
        let inner = String(decoding: node.bytes, as: UTF8.self)
        if random.oneIn(2) {
            return .raw(String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth))
        }
        return .raw(String(repeating: #"{"a":"#, count: depth) + inner + String(repeating: "}", count: depth))
    }

    /// A value of any type, chosen to hit an edge.
    static func hostileValue(_ random: inout FuzzRandom) -> FuzzJSON {
        switch random.index(9) {
        case 0: .null
        case 1: .bool(random.oneIn(2))
        case 2: .number(random.pick(HostileText.numbers))
        case 3: .string(random.pick(HostileText.markup))
        case 4: .string(random.pick(HostileText.confusables))
        case 5: .raw("\"" + random.pick(HostileText.rawEscapes) + "\"")
        case 6: .string(longText(&random))
        case 7: .array([])
        default: .object([])
        }
    }

    private static func hostileKey(_ random: inout FuzzRandom) -> String {
        switch random.index(5) {
        case 0: ""
        case 1: String(repeating: "k", count: random.int(64...5_000))
        case 2: "a\u{0}b"
        case 3: random.pick(HostileText.markup)
        default: random.pick(["summary ", "Summary", "sumary", "data.summary", "__proto__", "schema_version"])
        }
    }

    /// Text just under, at and over the envelope's limits (128, 500, 2 000, 2 048) or far beyond.
    private static func longText(_ random: inout FuzzRandom) -> String {
        let length = random.pick([127, 128, 129, 499, 500, 501, 1_999, 2_000, 2_001, 2_048, 2_049, 70_000])
        let unit = random.pick(["x", "ệ", "😀", " ", "e\u{0301}"])
        return String(repeating: unit, count: length)
    }

    private static func mutateText(_ text: String, _ random: inout FuzzRandom) -> String {
        switch random.index(5) {
        case 0: text + random.pick(HostileText.markup)
        case 1: "\u{0}" + text
        case 2: text.uppercased()
        case 3: "  \n\t" + text + " \u{00A0}"
        default: String(text.decomposedStringWithCanonicalMapping.reversed())
        }
    }
}

extension FuzzJSON {
    /// Every node's path (member or element indices from the root), the root included.
    func paths() -> [[Int]] {
        var result: [[Int]] = [[]]
        switch self {
        case .array(let items):
            for (index, item) in items.enumerated() { result += item.paths().map { [index] + $0 } }
        case .object(let members):
            for (index, member) in members.enumerated() { result += member.value.paths().map { [index] + $0 } }
        default: break
        }
        return result
    }

    /// The tree with the node at `path` replaced by `transform(node)`.
    func replacing(at path: ArraySlice<Int>, _ transform: (FuzzJSON) -> FuzzJSON) -> FuzzJSON {
        guard let first = path.first else { return transform(self) }
        switch self {
        case .array(var items) where first < items.count:
            items[first] = items[first].replacing(at: path.dropFirst(), transform)
            return .array(items)
        case .object(var members) where first < members.count:
            members[first].value = members[first].value.replacing(at: path.dropFirst(), transform)
            return .object(members)
        default: return transform(self)
        }
    }
}
