/// Who owes the school head's obligations when the people involved include one of the school's
/// managers, possibly the head (`conflict_of_interest` in routing.yaml, issue 28): nobody
/// answers for an incident about themselves, so the supervising authority's leadership owes
/// what the head would have.
///
/// - Obligations the rules give to `school_head` open for `owner` instead, decided when each
///   opens (an update that adds a manager later leaves those already open as they are).
/// - A `met_by` entry that names the school's head or a deputy (the head's subordinate) counts
///   from `owner` instead, for those obligations; entries that name nobody are unchanged.
/// - Alerts are unchanged: the head is still told.
public struct ConflictOfInterest: Sendable, Hashable {
    /// The school relations whose obligations and `met_by` entries move to `owner`.
    static let replaced: Set<Relation> = [.schoolHead, .schoolDeputy]

    /// The roles of the people involved that bring it into play.
    public var subjectRoles: Set<SubjectRole>
    /// Who owes the head's obligations then.
    public var owner: Relation

    /// Creates the setting.
    public init(subjectRoles: Set<SubjectRole>, owner: Relation) {
        self.subjectRoles = subjectRoles
        self.owner = owner
    }

    /// Whether an incident with `subjects` involves one of `subjectRoles`.
    public func applies(to subjects: [SubjectRole]) -> Bool { subjects.contains(where: subjectRoles.contains) }

    /// `spec`, owed by `owner` if it was the head's.
    func reassigned(_ spec: ObligationSpec) -> ObligationSpec {
        guard spec.owner == .schoolHead else { return spec }
        var moved = spec
        moved.owner = owner
        return moved
    }

    /// `triggers` with every `by` of the school's head or a deputy turned into `owner`.
    func reassigned(_ triggers: [ObligationTrigger]) -> [ObligationTrigger] {
        var result: [ObligationTrigger] = []
        for trigger in triggers {
            var moved = trigger
            if let by = trigger.by, Self.replaced.contains(by) { moved.by = owner }
            if !result.contains(moved) { result.append(moved) }
        }
        return result
    }
}
