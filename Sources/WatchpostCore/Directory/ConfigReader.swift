import Foundation
import Yams

/// Reads a composed YAML tree (which keeps line numbers) and collects problems instead of
/// stopping at the first, so an official fixing a file sees every mistake at once.
struct ConfigReader {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    /// Composes `yaml` into a node tree, recording a syntax error as a problem. Aliases are
    /// refused before composing: one used as a key can make Yams run for ever (`YAMLAliasScan`).
    mutating func compose(_ yaml: String) -> Node? {
        if let line = YAMLAliasScan.firstAliasLine(in: yaml) {
            report(line: line, "YAML aliases (`*name`) are not supported here; write the value out in full")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: yaml) else {
                report(line: 1, "the file is empty")
                return nil
            }
            return root
        } catch let error as YamlError {
            report(line: Self.line(of: error), "YAML syntax error: \(Self.summary(of: error))")
        } catch {
            report(line: 1, "YAML syntax error: \(error)")
        }
        return nil
    }

    mutating func report(_ node: Node?, _ message: String) {
        report(line: node?.mark?.line ?? 0, message)
    }

    mutating func report(line: Int, _ message: String) {
        problems.append(ConfigProblem(file: file, line: line, message: message))
    }

    /// The node as a mapping of string keys, or a problem saying what was expected.
    mutating func mapping(_ node: Node?, _ what: String) -> ConfigMap? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        return ConfigMap(node: node, mapping: mapping)
    }

    /// The node as a list; a single scalar counts as a list of one, as officials often write.
    mutating func list(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar: return [node]
        default:
            report(node, "\(what) must be a list")
            return []
        }
    }

    /// The node as a non-empty string, or a problem.
    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(node, "\(what) must be a non-empty text value")
            return nil
        }
        return scalar.string.precomposedStringWithCanonicalMapping
    }

    /// Reports keys of `map` that are not in `allowed` (usually a typo).
    mutating func rejectUnknownKeys(_ map: ConfigMap, allowed: [String], in what: String) {
        for (key, _) in map.mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                report(key, "unknown key `\(name)` in \(what); allowed: \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// A required string entry of `map`.
    mutating func required(_ map: ConfigMap, _ key: String, in what: String) -> String? {
        guard let value = map[key] else {
            report(map.node, "\(what) is missing `\(key)`")
            return nil
        }
        return string(value, "`\(key)` of \(what)")
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 1
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key(s) \(duplicates.joined(separator: ", "))"
        default:
            return String(describing: error)
        }
    }
}

/// A YAML mapping with string keys, remembering its node for line numbers.
struct ConfigMap {
    let node: Node
    let mapping: Node.Mapping

    subscript(key: String) -> Node? { mapping[key] }

    /// The key node for `key`, whose line is where the entry starts.
    func keyNode(_ key: String) -> Node? {
        mapping.first { $0.key.string == key }?.key
    }

    var line: Int { node.mark?.line ?? 0 }
}
