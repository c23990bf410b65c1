import Yams

extension PolicyParser {
    /// `conflict_of_interest`: `subject_role` (a list of roles) and `owner` (the relation that
    /// owes the head's obligations then). Optional. Needs `met_by` and `rules` parsed first: every
    /// kind the rules give the head must be one `owner` can meet once the entries naming the head
    /// or a deputy count from it.
    mutating func parseConflictOfInterest(_ node: Node?, rules: [RoutingRule]) -> ConflictOfInterest? {
        let what = "`conflict_of_interest`"
        guard let map = reader.mapping(node, what) else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["subject_role", "owner"], in: what)
        var roles: Set<SubjectRole> = []
        for entry in reader.list(map["subject_role"], "`conflict_of_interest.subject_role`") {
            guard let text = reader.string(entry, "a subject role") else { continue }
            guard let role = SubjectRole(rawValue: text) else {
                let known = SubjectRole.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(entry, "unknown subject role `\(text)`; known: \(known)")
                continue
            }
            roles.insert(role)
        }
        if map["subject_role"] == nil { reader.report(map.node, "\(what) is missing `subject_role`") }
        guard let ownerNode = map["owner"] else {
            reader.report(map.node, "\(what) is missing `owner`")
            return nil
        }
        guard let owner = relation(ownerNode, alertable: true) else { return nil }
        guard !ConflictOfInterest.replaced.contains(owner) else {
            reader.report(ownerNode, "\(what) `owner` must be outside the school, not `\(owner.rawValue)`")
            return nil
        }
        guard !roles.isEmpty else { return nil }
        let conflict = ConflictOfInterest(subjectRoles: roles, owner: owner)
        let headsKinds = Set(rules.flatMap(\.obligations).filter { $0.owner == .schoolHead }.map(\.kind))
        for kind in headsKinds.sorted(by: { $0.rawValue < $1.rawValue }) {
            let entries = conflict.reassigned(triggers?[kind] ?? [])
            if triggers != nil, !entries.contains(where: { $0.canBeMet(by: owner) }) {
                reader.report(
                    ownerNode,
                    "\(what): `\(owner.rawValue)` would owe the head's `\(kind.rawValue)` but could never meet it; "
                        + "add a `met_by` entry for `\(kind.rawValue)` by the head or without `by`"
                )
            }
        }
        return conflict
    }
}
