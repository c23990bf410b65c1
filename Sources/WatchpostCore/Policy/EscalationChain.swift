/// One level of an escalation chain.
public struct EscalationLevel: Sendable, Hashable {
    /// Who is told when the obligation reaches this level, by relation.
    public var notify: [Relation]
    /// How long this level has before the next level; `nil` on the last level, where the
    /// chain stops and the obligation stays open, on record, until met.
    public var deadline: Duration?
    /// Who is called by telephone at this level, before their other channels: the last
    /// responders (issue 30). Each is also told, whether or not `notify` names them.
    public var call: [Relation] = []

    /// Creates a level.
    public init(notify: [Relation], deadline: Duration?, call: [Relation] = []) {
        self.notify = notify
        self.deadline = deadline
        self.call = call
    }

    /// Everyone told at this level: `notify`, then those only called.
    public var told: [Relation] { notify + call.filter { !notify.contains($0) } }
}

/// What happens once the last level of a chain has passed unmet (issue 29).
public enum AfterLastLevel: Sendable, Hashable {
    /// Nothing more: the obligation stays open, on record, until met.
    case stop
    /// The chain starts again at level 1 once the last level's deadline passes.
    case repeatChain
    /// The last level's people are told again every `every` until the obligation is met.
    case remind(every: Duration)
}

/// Where a missed deadline goes: level 1, then level 2, ... up to the last level, and then, as
/// `afterLast` says, nowhere, the whole chain again, or the last level again and again.
///
/// A chain written with `continue_with` is stored already joined with the chain it continues
/// with, so `levels` is the whole, finite path; `afterLast` is the one of the chain written last.
/// Levels past the written ones keep counting (level 4 of a repeated 3-level chain is its level
/// 1 again), so every escalation event stays distinct.
public struct EscalationChain: Sendable, Hashable {
    /// The chain's name in `routing.yaml`.
    public var name: String
    /// Level 1 is `levels[0]`.
    public var levels: [EscalationLevel]
    /// What follows the last level.
    public var afterLast: AfterLastLevel

    /// Creates a chain.
    public init(name: String, levels: [EscalationLevel], afterLast: AfterLastLevel = .stop) {
        self.name = name
        self.levels = levels
        self.afterLast = afterLast
    }

    /// The level numbered `number` (from 1), if the chain has it: past the written levels, the
    /// repeated chain's level or the last level with the reminder interval as its deadline.
    public func level(_ number: Int) -> EscalationLevel? {
        guard number >= 1, let last = levels.last else { return nil }
        switch afterLast {
        case .stop:
            return levels.indices.contains(number - 1) ? levels[number - 1] : nil
        case .repeatChain:
            return levels[(number - 1) % levels.count]
        case .remind(let every):
            if number < levels.count { return levels[number - 1] }
            return EscalationLevel(notify: last.notify, deadline: every, call: last.call)
        }
    }

    /// Whether `number` is past the written levels: the chain repeating, or the last level
    /// being reminded.
    public func isBeyondWrittenLevels(_ number: Int) -> Bool { number > levels.count }
}
