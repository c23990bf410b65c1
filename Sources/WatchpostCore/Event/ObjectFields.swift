/// The members of one JSON object being decoded; remembers which were read so that every
/// member left over can be reported as an unknown field.
struct ObjectFields {
    /// The path of the object itself (empty for the envelope).
    let path: String
    private var members: [(key: String, value: JSONValue)]
    private var taken: Set<String> = []

    /// Wraps `value` if it is an object, reporting a wrong type or duplicate member names otherwise.
    init?(_ value: JSONValue, path: String, log: inout ProblemLog) {
        guard case let .object(members) = value else {
            log.add(path, .wrongType, "must be an object, not \(value.kindDescription)")
            return nil
        }
        self.path = path
        self.members = members
        var seen: Set<String> = []
        for member in members where !seen.insert(member.key).inserted {
            log.add(FieldPath.member(member.key, of: path), .duplicateField, "appears more than once")
        }
    }

    /// The path of member `key`.
    func path(of key: String) -> String { FieldPath.member(key, of: path) }

    /// Whether `key` is present (even if null).
    func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// Takes member `key`; reports it as missing if `required` and absent.
    mutating func take(_ key: String, required: Bool, log: inout ProblemLog) -> JSONValue? {
        taken.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value else {
            if required { log.add(path(of: key), .missing, "is required") }
            return nil
        }
        return value
    }

    /// Takes member `key` and checks it with `rule`; nil when absent or invalid (the log says which).
    mutating func read<Value>(
        _ key: String,
        required: Bool = true,
        log: inout ProblemLog,
        _ rule: FieldRules.Rule<Value>
    ) -> Value? {
        guard let value = take(key, required: required, log: &log) else { return nil }
        return rule(value, path(of: key), &log)
    }

    /// Reports every member that was never taken, in input order.
    func reportUnknownFields(log: inout ProblemLog, allowed: [String]) {
        var reported: Set<String> = []
        for member in members where !taken.contains(member.key) && reported.insert(member.key).inserted {
            var reason = "is not a field of envelope v1"
            if let suggestion = allowed.first(where: { Self.isNearMiss(member.key, $0) }) {
                reason += " (did you mean \(suggestion)?)"
            }
            log.add(path(of: member.key), .unknownField, reason)
        }
    }

    /// One edit apart (insert, delete or substitute): catches typos like `sumary` for `summary`.
    private static func isNearMiss(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard abs(x.count - y.count) <= 1, x != y else { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                i += 1; j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
        }
        return true
    }
}
